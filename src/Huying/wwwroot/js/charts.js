// Draws every [data-chart] element as a grouped bar (or, with type 'line', a line) chart, on first load and after htmx swaps in new content.
(function () {
    function draw(root) {
        if (typeof echarts === 'undefined') return;
        root.querySelectorAll('[data-chart]').forEach(function (el) {
            if (el.dataset.drawn) return;
            el.dataset.drawn = '1';
            var spec = JSON.parse(el.dataset.chart);
            var chart = echarts.init(el);
            chart.setOption({
                color: ['#b3151b', '#f4c542', '#3b82f6'],
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 32, right: 8, top: el.clientWidth < 560 ? 56 : 40, bottom: el.clientWidth < 560 ? 64 : 56 },
                xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, rotate: el.clientWidth < 560 ? 70 : spec.categories.length > 8 ? 40 : 0, fontSize: el.clientWidth < 560 ? 10 : 12 } },
                yAxis: spec.percent ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value' },
                series: spec.series.map(function (s) { return { name: s.name, type: s.type || spec.type || 'bar', data: s.data, connectNulls: false }; })
            });
            window.addEventListener('resize', function () { chart.resize(); });
        });
    }
    document.addEventListener('DOMContentLoaded', function () { draw(document); });
    document.addEventListener('htmx:afterSettle', function (e) { draw(e.target); });
})();
