// Draws an order's responsibility chain (ECharts) from the JSON its panel carries in data-chain: a column per
// node in the order the order reached them, headed by the node's name, each step a circle coloured by its kind
// (hand-off, node, review, coordination, stock) and linked to the next step in time. The panel arrives by htmx
// after the page, so it is drawn whenever content is loaded; the list beside it says the same in words.
(function () {
    var colours = {HANDOFF: '#8a9bb4', NODE: '#3b6fb6', REVIEW: '#7a4fb0', COORDINATION: '#c27a12', STOCK: '#2e8b57'};

    function draw(root) {
        if (typeof echarts === 'undefined' || !root || !root.querySelectorAll) {
            return;
        }
        root.querySelectorAll('.chain-graph:not([data-drawn])').forEach(function (holder) {
            holder.setAttribute('data-drawn', 'true');
            var data = JSON.parse(holder.getAttribute('data-chain'));
            // The container takes the graph's own proportions, so that the chart draws it at its natural size
            // (a step every 150 by 70 pixels) and the card scrolls sideways rather than shrinking it.
            var width = data.nodes.reduce(function (max, n) { return Math.max(max, n.x); }, 0);
            var height = data.nodes.reduce(function (max, n) { return Math.max(max, n.y); }, 0) + 50;
            holder.style.width = (width + 40 + 150) + 'px';
            holder.style.height = (height + 50) + 'px';
            var headers = data.columns.map(function (c) {
                return {id: 'column-' + c.x, name: c.name, x: c.x, y: -50, symbolSize: 1, itemStyle: {color: 'rgba(0,0,0,0)'},
                        label: {show: true, position: 'right', fontWeight: 'bold', fontSize: 12, color: '#1f2329', width: 130,
                                overflow: 'truncate'}, tooltip: {show: false}};
            });
            var steps = data.nodes.map(function (n) {
                return {id: n.id, name: n.name, tip: n.tip + ' (' + n.kindName + ')', x: n.x, y: n.y,
                        itemStyle: {color: colours[n.kind] || '#3b6fb6'}};
            });
            var chart = echarts.init(holder, null, {renderer: 'canvas'});
            chart.setOption({
                tooltip: {formatter: function (p) { return p.dataType === 'node' ? (p.data.tip || p.data.name) : ''; }},
                series: [{
                    type: 'graph', layout: 'none', roam: false, symbolSize: 18, left: 30, right: 150, top: 25, bottom: 25,
                    edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
                    label: {show: true, position: 'right', fontSize: 10, width: 110, overflow: 'truncate'},
                    lineStyle: {color: '#9aa7b8', width: 1.2, curveness: 0.15},
                    data: headers.concat(steps),
                    links: data.links
                }]
            });
            window.addEventListener('resize', function () {
                chart.resize();
            });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        draw(document);
    });
    document.addEventListener('htmx:load', function (event) {
        draw(event.target);
    });
})();
