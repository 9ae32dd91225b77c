// What the map scripts share: loading a city's offline map script (once) before drawing on it.
window.huyingLoadScript = function (src) {
    return new Promise(function (resolve, reject) {
        if (document.querySelector('script[src="' + src + '"]')) { resolve(); return; }
        var s = document.createElement('script');
        s.src = src; s.onload = resolve; s.onerror = reject;
        document.head.appendChild(s);
    });
};

// A county's own outline, picked out of its city's map (already loaded) by its division code, the features' ids;
// registered once as 'county-<code>'. Null when the city's map is not there.
window.huyingCountyMap = function (cityMapName, county) {
    var name = 'county-' + county;
    if (echarts.getMap(name)) return name;
    var city = echarts.getMap(cityMapName);
    if (!city) return null;
    var source = city.geoJSON || city.geoJson;
    var own = source.features.filter(function (f) { return f.id === county; });
    echarts.registerMap(name, { type: 'FeatureCollection', features: own.length ? own : source.features, UTF8Encoding: source.UTF8Encoding });
    return name;
};
