// Draws the evaluation dashboard's charts (ECharts) from the JSON the page carries in data-charts:
// the star distribution of each metric, the six-month trend of the average and the stations' averages.
document.addEventListener('DOMContentLoaded', function () {
    var holder = document.getElementById('evaluation-charts');
    if (!holder || typeof echarts === 'undefined') {
        return;
    }
    var data = JSON.parse(holder.getAttribute('data-charts'));
    var charts = [];
    holder.querySelectorAll('.chart').forEach(function (element) {
        var series = data[element.getAttribute('data-chart')];
        var kind = element.getAttribute('data-kind');
        var option = {
            tooltip: {trigger: 'axis'},
            grid: {left: 40, right: 16, top: kind === 'stars' ? 36 : 16, bottom: 60},
            xAxis: {type: 'category', data: series.labels, axisLabel: {rotate: kind === 'bar' ? 35 : 0, interval: 0}},
            yAxis: kind === 'stars' ? {type: 'value', minInterval: 1} : {type: 'value', min: 1, max: 5}
        };
        if (kind === 'stars') {
            option.legend = {top: 0};
            option.series = series.series.map(function (metric) {
                return {type: 'bar', name: metric.name, data: metric.values};
            });
        } else {
            option.series = [{type: kind, data: series.values, connectNulls: true}];
        }
        var chart = echarts.init(element, null, {renderer: 'canvas'});
        chart.setOption(option);
        charts.push(chart);
    });
    window.addEventListener('resize', function () {
        charts.forEach(function (chart) {
            chart.resize();
        });
    });
});
