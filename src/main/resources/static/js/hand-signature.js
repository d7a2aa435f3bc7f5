// Signing a record by hand: a finger or a mouse draws on the canvas; the strokes go to the server as points
// in the canvas's own 1000 x 400 space, with the SM3 digest of the version shown, which the signature binds to.
(function () {
    'use strict';
    var form = document.getElementById('hand-signing');
    if (!form) {
        return;
    }
    var canvas = form.querySelector('canvas');
    var context = canvas.getContext('2d');
    var error = form.querySelector('[data-error]');
    var signer = form.querySelector('select[name=signer]');
    var nameField = form.querySelector('[data-customer-name]');
    var strokes = [];
    var current = null;

    function showName() {
        nameField.hidden = signer.value !== 'CUSTOMER';
    }
    signer.addEventListener('change', showName);
    showName();

    context.lineWidth = 7;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#101030';

    function point(event) {
        var box = canvas.getBoundingClientRect();
        var x = Math.round((event.clientX - box.left) * canvas.width / box.width);
        var y = Math.round((event.clientY - box.top) * canvas.height / box.height);
        return [Math.max(0, Math.min(canvas.width, x)), Math.max(0, Math.min(canvas.height, y))];
    }

    canvas.addEventListener('pointerdown', function (event) {
        event.preventDefault();
        canvas.setPointerCapture(event.pointerId);
        current = [point(event)];
        strokes.push(current);
        context.beginPath();
        context.moveTo(current[0][0], current[0][1]);
    });
    canvas.addEventListener('pointermove', function (event) {
        if (!current) {
            return;
        }
        var p = point(event);
        current.push(p);
        context.lineTo(p[0], p[1]);
        context.stroke();
    });
    ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (type) {
        canvas.addEventListener(type, function () {
            current = null;
        });
    });
    form.querySelector('[data-clear]').addEventListener('click', function () {
        strokes = [];
        context.clearRect(0, 0, canvas.width, canvas.height);
        error.textContent = '';
    });

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        error.textContent = '';
        var points = strokes.reduce(function (n, s) { return n + s.length; }, 0);
        if (points < 5) {
            error.textContent = form.dataset.empty;
            return;
        }
        var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
        var csrf = document.querySelector('meta[name=_csrf]');
        var csrfHeader = document.querySelector('meta[name=_csrf_header]');
        if (csrf && csrfHeader) {
            headers[csrfHeader.content] = csrf.content;
        }
        fetch(form.dataset.action, {
            method: 'POST', headers: headers, credentials: 'same-origin',
            body: JSON.stringify({digest: form.dataset.digest, signer: signer.value,
                signerName: form.querySelector('input[name=signerName]').value, strokes: strokes})
        }).then(function (response) {
            return response.json().then(function (body) {
                if (response.ok) {
                    window.location.assign(form.dataset.done + body.id);
                    return;
                }
                var first = body.errors && body.errors.length ? body.errors[0].message : null;
                error.textContent = first || body.detail || form.dataset.failed;
            });
        }).catch(function () {
            error.textContent = form.dataset.failed;
        });
    });
}());
