// Draws the directly-follows graph of the bottleneck view (ECharts) from the JSON the page carries in
// data-graph: nodes left to right in the order of the process, each transition coloured green, yellow or red
// against its limit and labelled with its median and 90th percentile in working days.
document.addEventListener('DOMContentLoaded', function () {
    var holder = document.getElementById('bottleneck-graph');
    if (!holder || typeof echarts === 'undefined') {
        return;
    }
    var data = JSON.parse(holder.getAttribute('data-graph'));
    var colours = {GREEN: '#2e9e5b', YELLOW: '#d99a00', RED: '#d0352b'};
    var maxCases = data.links.reduce(function (max, link) { return Math.max(max, link.cases); }, 1);
    var chart = echarts.init(holder, null, {renderer: 'canvas'});
    chart.setOption({
        tooltip: {
            formatter: function (p) {
                return p.dataType === 'edge' ? p.data.tip : p.data.name;
            }
        },
        series: [{
            type: 'graph', layout: 'none', roam: true, draggable: true,
            symbolSize: 46, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 9,
            label: {show: true, fontSize: 11, width: 80, overflow: 'break'},
            edgeLabel: {show: true, fontSize: 10, formatter: function (p) { return p.data.label; }},
            itemStyle: {color: '#e8eef7', borderColor: '#5b7db1'},
            data: data.nodes.map(function (n) { return {id: n.id, name: n.name, x: n.x, y: n.y}; }),
            links: data.links.map(function (l) {
                return {
                    source: l.source, target: l.target, label: l.label, tip: l.tip,
                    lineStyle: {color: colours[l.colour], width: 1 + 5 * l.cases / maxCases, curveness: 0.25}
                };
            })
        }]
    });
    window.addEventListener('resize', function () {
        chart.resize();
    });
});
