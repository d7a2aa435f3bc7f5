// The exam's countdown: shows the time left and submits the answers when it runs out (the server refuses later ones).
document.addEventListener('DOMContentLoaded', function () {
    var timer = document.querySelector('[data-testid="timer"]');
    var form = document.getElementById('exam-form');
    if (!timer || !form) {
        return;
    }
    var end = Date.now() + parseInt(timer.getAttribute('data-seconds'), 10) * 1000;
    var label = timer.textContent;
    function tick() {
        var left = Math.max(0, Math.round((end - Date.now()) / 1000));
        var m = Math.floor(left / 60), s = left % 60;
        timer.textContent = label + ' · ' + m + ':' + (s < 10 ? '0' : '') + s;
        if (left === 0) {
            form.submit();
            return;
        }
        setTimeout(tick, 1000);
    }
    tick();
});
