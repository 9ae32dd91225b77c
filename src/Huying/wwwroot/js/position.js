// Fills the hidden latitude and longitude of every [data-position] form from the phone's position (a patrol check-in),
// and says on the form whether it was found.
(function () {
    function locate(root) {
        root.querySelectorAll('form[data-position]').forEach(function (form) {
            if (form.dataset.located) return;
            form.dataset.located = '1';
            var status = form.querySelector('[data-position-status]');
            if (!navigator.geolocation) { if (status) status.textContent = status.dataset.none || ''; return; }
            navigator.geolocation.getCurrentPosition(function (p) {
                form.querySelector('[name=latitude]').value = p.coords.latitude.toFixed(6);
                form.querySelector('[name=longitude]').value = p.coords.longitude.toFixed(6);
                if (status) status.textContent = (status.dataset.found || '') + ' ' + p.coords.latitude.toFixed(5) + ', ' + p.coords.longitude.toFixed(5);
            }, function () {
                if (status) status.textContent = status.dataset.none || '';
            }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
        });
    }
    document.addEventListener('DOMContentLoaded', function () { locate(document); });
    document.addEventListener('htmx:afterSwap', function (e) { locate(e.target); });
})();

// A form's upload progress: the [data-upload-progress] bar inside a boosted form follows the bytes sent.
document.addEventListener('htmx:xhr:progress', function (e) {
    var form = e.target && e.target.closest ? e.target.closest('form') : null;
    var bar = form ? form.querySelector('progress[data-upload-progress]') : null;
    if (bar && e.detail && e.detail.total) bar.value = Math.round(e.detail.loaded / e.detail.total * 100);
});
