// Draws the dashboard's map of a city's counties (offline ECharts map, no tile server) coloured by a figure; a click on
// a county opens the county's dashboard (drill-down).
(function () {
    function draw(el) {
        if (el.dataset.drawn || typeof echarts === 'undefined') return;
        el.dataset.drawn = '1';
        var spec = JSON.parse(el.dataset.dashboardMap);
        window.huyingLoadScript(spec.script).then(function () {
            var chart = echarts.init(el);
            var max = Math.max.apply(null, spec.areas.map(function (a) { return a.value; }).concat([1]));
            chart.setOption({
                tooltip: { trigger: 'item', formatter: function (p) { return p.name + '<br>' + spec.label + '：' + (p.value === p.value ? p.value : '—'); } },
                visualMap: { min: 0, max: max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#fde7d7', '#b3151b'] }, text: [String(max), '0'] },
                series: [{ type: 'map', map: spec.name, roam: true, label: { show: true, fontSize: 10 }, data: spec.areas }]
            });
            chart.on('click', function (p) {
                if (p.data && p.data.href) window.location.href = p.data.href;
            });
            window.addEventListener('resize', function () { chart.resize(); });
        }).catch(function () { el.textContent = el.dataset.noMap || ''; });
    }

    function drawAll(root) { root.querySelectorAll('[data-dashboard-map]').forEach(draw); }
    document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
    document.addEventListener('htmx:afterSettle', function (e) { drawAll(e.target); });
})();
