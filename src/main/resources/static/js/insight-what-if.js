// Draws the what-if page's on-time rate per month, as measured now and with the change (ECharts), from the JSON
// the page carries in data-chart.
document.addEventListener('DOMContentLoaded', function () {
    var holder = document.getElementById('what-if-chart');
    if (!holder || typeof echarts === 'undefined') {
        return;
    }
    var data = JSON.parse(holder.getAttribute('data-chart'));
    var chart = echarts.init(holder, null, {renderer: 'canvas'});
    chart.setOption({
        tooltip: {trigger: 'axis', valueFormatter: function (v) { return v + '%'; }},
        legend: {top: 0},
        grid: {left: 44, right: 16, top: 36, bottom: 32},
        xAxis: {type: 'category', data: data.labels},
        yAxis: {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value}%'}},
        series: [
            {name: data.asIs.name, type: 'line', data: data.asIs.values, itemStyle: {color: '#8a96a8'}},
            {name: data.withChange.name, type: 'line', data: data.withChange.values, itemStyle: {color: '#2f6fd1'}}
        ]
    });
    window.addEventListener('resize', function () {
        chart.resize();
    });
});
