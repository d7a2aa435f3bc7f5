// Draws the overdue analysis charts (ECharts) from the JSON the page carries in data-charts; each
// chart container names its series (data-chart) and its kind (bar, line or pie).
document.addEventListener('DOMContentLoaded', function () {
    var holder = document.getElementById('overdue-charts');
    if (!holder || typeof echarts === 'undefined') {
        return;
    }
    var data = JSON.parse(holder.getAttribute('data-charts'));
    var charts = [];
    holder.querySelectorAll('.chart').forEach(function (element) {
        var series = data[element.getAttribute('data-chart')];
        var kind = element.getAttribute('data-kind');
        var chart = echarts.init(element, null, {renderer: 'canvas'});
        var option;
        if (kind === 'pie') {
            option = {
                tooltip: {trigger: 'item'},
                series: [{
                    type: 'pie', radius: ['35%', '65%'],
                    data: series.labels.map(function (label, i) {
                        return {name: label, value: series.values[i]};
                    })
                }]
            };
        } else {
            option = {
                tooltip: {trigger: 'axis'},
                grid: {left: 40, right: 16, top: 16, bottom: 80},
                xAxis: {type: 'category', data: series.labels, axisLabel: {rotate: 35, interval: 0}},
                yAxis: {type: 'value', minInterval: 1},
                series: [{type: kind, data: series.values}]
            };
        }
        chart.setOption(option);
        charts.push(chart);
    });
    window.addEventListener('resize', function () {
        charts.forEach(function (chart) {
            chart.resize();
        });
    });
});
