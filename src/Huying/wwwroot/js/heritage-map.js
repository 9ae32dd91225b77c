// Draws the heritage sites of a county on its offline city map (ECharts, no tile server): one colour per protection
// level (the legend filters), wheel or pinch to zoom, a tap on a site opens its card below the map.
(function () {
    function draw(el) {
        if (el.dataset.drawn || typeof echarts === 'undefined') return;
        el.dataset.drawn = '1';
        var levels = JSON.parse(el.dataset.levels);
        var card = document.getElementById(el.dataset.card);
        fetch(el.dataset.mapUrl, { headers: { Accept: 'application/json' } })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .then(function (data) {
                return (data.mapScript ? window.huyingLoadScript(data.mapScript) : Promise.resolve()).then(function () { return data; });
            })
            .then(function (data) {
                var map = data.mapName ? window.huyingCountyMap(data.mapName, data.division) : null;
                if (!map) { el.textContent = el.dataset.noMap; return; }
                var chart = echarts.init(el);
                var byLevel = {}, byId = {};
                data.sites.forEach(function (s) { byId[s.id] = s; (byLevel[s.level] = byLevel[s.level] || []).push([s.lon, s.lat, s.id, s.name]); });
                // Open hazards ring their site, so the one that needs someone now stands out.
                var hazards = data.openHazards.map(function (h) { var s = byId[h.siteId]; return [s.lon, s.lat, s.id, s.name, h.id]; });
                chart.setOption({
                    aria: { enabled: true },
                    animation: false,
                    tooltip: { trigger: 'item', formatter: function (p) { return p.value ? p.value[3] + ' · ' + p.seriesName : p.name; } },
                    legend: { top: 0, type: 'scroll' },
                    geo: { map: map, roam: true, top: 36, bottom: 8, itemStyle: { areaColor: '#f7f1e8', borderColor: '#b9a68a' },
                        emphasis: { disabled: true }, label: { show: false } },
                    series: Object.keys(levels).filter(function (k) { return byLevel[k]; }).map(function (k) {
                        return { name: levels[k].name, type: 'scatter', coordinateSystem: 'geo', data: byLevel[k], symbolSize: levels[k].size,
                            itemStyle: { color: levels[k].colour, borderColor: '#fff', borderWidth: 1 }, encode: { lng: 0, lat: 1 } };
                    }).concat(hazards.length ? [{ name: el.dataset.hazardLabel, type: 'scatter', coordinateSystem: 'geo', data: hazards, symbolSize: 22, z: 3,
                        itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#b3151b', borderWidth: 3 }, encode: { lng: 0, lat: 1 } }] : [])
                });
                el.dataset.hazards = String(hazards.length);
                el.dataset.sites = String(data.sites.length);
                chart.on('click', function (p) {
                    if (!p.value || !card) return;
                    card.hidden = false;
                    card.querySelector('[data-card-name]').textContent = p.value[3];
                    card.querySelector('[data-card-level]').textContent = p.seriesName;
                    card.querySelector('[data-card-link]').href = '/heritage/sites/' + p.value[2];
                    var hazard = card.querySelector('[data-card-hazard]');
                    hazard.hidden = p.value[4] === undefined;
                    if (p.value[4] !== undefined) hazard.href = '/heritage/hazards/' + p.value[4];
                });
                window.addEventListener('resize', function () { chart.resize(); });
            })
            .catch(function () { el.textContent = el.dataset.noMap; });
    }

    function all(root) { root.querySelectorAll('[data-heritage-map]').forEach(draw); }
    document.addEventListener('DOMContentLoaded', function () { all(document); });
    document.addEventListener('htmx:afterSettle', function (e) { all(e.target); });
})();
