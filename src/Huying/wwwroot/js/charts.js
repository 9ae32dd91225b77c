// Draws every [data-chart] element as a grouped bar chart; runs again after htmx swaps in new content.
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
                grid: { left: 36, right: 12, top: 36, bottom: 48 },
                xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 8 ? 40 : 0 } },
                yAxis: { type: 'value' },
                series: spec.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
            });
            window.addEventListener('resize', function () { chart.resize(); });
        });
    }
    draw(document);
    document.addEventListener('htmx:afterSettle', function (e) { draw(e.target); });
})();
