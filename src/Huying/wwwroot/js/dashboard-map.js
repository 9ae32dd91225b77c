// Draws the dashboard's map (offline ECharts map, no tile server): a city's counties coloured by a figure, or a
// county's outline with its communities as points sized by it (most communities have no boundary on any map). A
// click on a county or a community opens its dashboard (drill-down).
(function () {
    function draw(el) {
        if (el.dataset.drawn || typeof echarts === 'undefined') return;
        el.dataset.drawn = '1';
        var spec = JSON.parse(el.dataset.dashboardMap);
        window.huyingLoadScript(spec.script).then(function () {
            var chart = echarts.init(el);
            var values = spec.points.length ? spec.points.map(function (p) { return p.value[2]; }) : spec.areas.map(function (a) { return a.value; });
            var max = Math.max.apply(null, values.concat([1]));
            var visualMap = { min: 0, max: max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#fde7d7', '#b3151b'] }, text: [String(max), '0'] };
            if (spec.points.length) {
                var map = window.huyingCountyMap(spec.name, spec.county);
                if (!map) throw new Error('no map');
                // The view is framed on the communities (a county seat's are a few streets apart), with the county's
                // outline around them; wheel or pinch zooms out to the whole county.
                var lons = spec.points.map(function (p) { return p.value[0]; }), lats = spec.points.map(function (p) { return p.value[1]; });
                var west = Math.min.apply(null, lons), east = Math.max.apply(null, lons), south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
                var pad = Math.max(0.02, (east - west) * 0.25, (north - south) * 0.25);
                chart.setOption({
                    aria: { enabled: true },
                    tooltip: { trigger: 'item', formatter: function (p) { return p.data ? p.data.name + '<br>' + spec.label + '：' + p.data.value[2] : p.name; } },
                    visualMap: Object.assign(visualMap, { dimension: 2 }),
                    geo: { map: map, roam: true, boundingCoords: [[west - pad, north + pad], [east + pad, south - pad]], itemStyle: { areaColor: '#f7f1e8', borderColor: '#b9a68a' }, emphasis: { disabled: true } },
                    series: [{ type: 'scatter', coordinateSystem: 'geo', data: spec.points, symbolSize: function (v) { return 10 + 18 * Math.sqrt(v[2] / max); },
                        label: { show: true, formatter: '{b}', position: 'right', fontSize: 10 }, labelLayout: { hideOverlap: true }, cursor: 'pointer' }]
                });
            } else {
                chart.setOption({
                    tooltip: { trigger: 'item', formatter: function (p) { return p.name + '<br>' + spec.label + '：' + (p.value === p.value ? p.value : '—'); } },
                    visualMap: visualMap,
                    series: [{ type: 'map', map: spec.name, roam: true, label: { show: true, fontSize: 10 }, data: spec.areas }]
                });
            }
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
