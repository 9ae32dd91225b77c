// Boosted navigation (hx-boost on the body) as a browser's own would be: a page answered with an error status is
// shown (htmx leaves the old page in place, so a tap on a link or a post seemed to do nothing); a link or a search the
// server cannot be reached for is loaded by the browser itself (its own offline page, or the page once the network is
// back); a post that cannot be sent keeps what was typed and says so; a slow answer shows a bar at the top.
(function () {
    function boosted(e) { return e.detail && e.detail.boosted; }
    function get(e) { return ((e.detail.requestConfig && e.detail.requestConfig.verb) || 'get').toLowerCase() === 'get'; }
    document.addEventListener('htmx:beforeSwap', function (e) {
        if (boosted(e) && e.detail.isError && e.detail.xhr && e.detail.xhr.status >= 400) {
            e.detail.shouldSwap = true;
            e.detail.isError = false;
        }
    });
    function unreachable(e) {
        if (!boosted(e)) return;
        if (get(e)) {
            window.location.assign(e.detail.pathInfo.finalRequestPath || e.detail.pathInfo.requestPath);
            return;
        }
        var note = document.getElementById('hy-offline');
        if (note) { note.hidden = false; note.focus(); }
    }
    document.addEventListener('htmx:sendError', unreachable);
    document.addEventListener('htmx:timeout', unreachable);
    document.addEventListener('htmx:beforeRequest', function (e) {
        if (!boosted(e)) return;
        var note = document.getElementById('hy-offline');
        if (note) note.hidden = true;
        document.documentElement.classList.add('hy-loading');
    });
    document.addEventListener('htmx:afterRequest', function () { document.documentElement.classList.remove('hy-loading'); });
})();
