// The field survey on the phone (R-COL-1): marks drawn over a photo, and an outbox that keeps a survey form or a
// photo's marks on the phone when they could not be sent, sending them again, with the same Idempotency-Key, once the
// connection is back. Pages work without it except for drawing.
(function () {
    'use strict';

    var STORE = 'yekuo.outbox.v1';
    var box = document.getElementById('outbox');
    var user = box ? box.getAttribute('data-user') : null;

    function text(name, count) {
        var template = box ? box.getAttribute('data-' + name) || '' : '';
        return template.replace('{0}', count === undefined ? '' : count);
    }

    function load() {
        try {
            var items = JSON.parse(window.localStorage.getItem(STORE) || '[]');
            return Array.isArray(items) ? items : [];
        } catch (e) {
            return [];
        }
    }

    function store(items) {
        window.localStorage.setItem(STORE, JSON.stringify(items));
    }

    function mine() {
        return load().filter(function (item) { return item.user === user; });
    }

    function newKey() {
        if (window.crypto && window.crypto.randomUUID) {
            return window.crypto.randomUUID();
        }
        var bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    }

    function csrfHeaders() {
        var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        if (token && header) {
            headers[header.content] = token.content;
        }
        return headers;
    }

    function remember(item) {
        var items = load().filter(function (other) { return other.key !== item.key; });
        items.push(item);
        store(items);
    }

    function forget(key) {
        store(load().filter(function (item) { return item.key !== key; }));
    }

    function problemText(response) {
        return response.json().then(function (problem) {
            var parts = [problem.detail || problem.title || String(response.status)];
            (problem.errors || []).forEach(function (error) { parts.push(error.message); });
            return parts.join(' ');
        }, function () { return String(response.status); });
    }

    // Sends one kept item. Answers 'sent', 'pending' (no connection, a server that did not answer, a lapsed sign-in:
    // kept to send again) or 'refused' with the reason (the server said no: kept for the surveyor to see, not resent).
    function send(item) {
        var headers = csrfHeaders();
        headers['Idempotency-Key'] = item.key;
        return window.fetch(item.url, {method: item.method, headers: headers, body: item.body, credentials: 'same-origin'})
            .then(function (response) {
                if (response.ok) {
                    forget(item.key);
                    return {state: 'sent'};
                }
                if (response.status === 401 || response.status === 408 || response.status === 429 || response.status >= 500) {
                    return {state: 'pending'};
                }
                return problemText(response).then(function (reason) {
                    item.refused = reason;
                    remember(item);
                    return {state: 'refused', reason: reason};
                });
            }, function () {
                return {state: 'pending'};
            });
    }

    var flushing = false;
    var form = document.querySelector('form[data-outbox-api]');
    var taskKey = form ? 'yekuo.form.' + form.getAttribute('data-task') : null;

    function flush() {
        if (flushing || !user || !navigator.onLine) {
            render();
            return Promise.resolve();
        }
        flushing = true;
        var waiting = mine().filter(function (item) { return !item.refused; });
        var thisFormSent = false;
        return waiting.reduce(function (previous, item) {
            return previous.then(function () { return send(item); }).then(function (result) {
                thisFormSent = thisFormSent || (result.state === 'sent' && form && item.formOf === taskKey);
            });
        }, Promise.resolve()).then(function () {
            flushing = false;
            if (thisFormSent) {
                // The node this page was for is done now: go where a completed node goes.
                window.location.assign(form.getAttribute('data-outbox-done'));
                return;
            }
            if (waiting.length && !mine().some(function (item) { return !item.refused; })) {
                box.setAttribute('data-sent-now', 'true');
            }
            render();
        });
    }

    function render() {
        if (!box) {
            return;
        }
        var items = mine();
        var pending = items.filter(function (item) { return !item.refused; });
        var refused = items.filter(function (item) { return item.refused; });
        box.innerHTML = '';
        if (!items.length) {
            if (box.getAttribute('data-sent-now') === 'true') {
                box.className = 'alert success outbox';
                box.textContent = text('sent');
                box.hidden = false;
            } else {
                box.hidden = true;
            }
            return;
        }
        box.hidden = false;
        box.className = 'alert outbox ' + (refused.length ? 'error' : 'warn');
        var list = document.createElement('ul');
        items.forEach(function (item) {
            var line = document.createElement('li');
            line.setAttribute('data-outbox-item', item.kind);
            line.textContent = item.label + (item.refused ? ' — ' + item.refused : '');
            if (item.refused) {
                var drop = document.createElement('button');
                drop.type = 'button';
                drop.className = 'link';
                drop.textContent = text('discard');
                drop.addEventListener('click', function () { forget(item.key); render(); });
                line.appendChild(document.createTextNode(' '));
                line.appendChild(drop);
            }
            list.appendChild(line);
        });
        var head = document.createElement('strong');
        head.setAttribute('data-testid', 'outbox-count');
        head.textContent = pending.length ? text(navigator.onLine ? 'pending' : 'offline', pending.length) : text('refused', refused.length);
        box.appendChild(head);
        box.appendChild(list);
        if (pending.length) {
            var retry = document.createElement('button');
            retry.type = 'button';
            retry.id = 'outbox-retry';
            retry.textContent = text('retry');
            retry.addEventListener('click', flush);
            box.appendChild(retry);
        }
    }

    // Keeps the item first, then sends it: whatever happens to the request, the data is on the phone until it is sent.
    function submit(item) {
        item.user = user;
        item.keptAt = new Date().toISOString();
        remember(item);
        return send(item).then(function (result) {
            render();
            return result;
        });
    }

    window.addEventListener('online', flush);
    window.addEventListener('offline', render);
    window.setInterval(flush, 30000);

    // The survey form goes through the outbox; a refusal is shown by the page itself, which the form is then posted to.
    if (form) {
        form.addEventListener('submit', function (event) {
            if (form.getAttribute('data-posting') === 'true') {
                return;
            }
            event.preventDefault();
            var fields = {};
            new FormData(form).forEach(function (value, name) {
                if (name !== '_csrf' && typeof value === 'string') {
                    fields[name] = value;
                }
            });
            // One key per form sent, kept with it: a resend after a lost answer is the same completion.
            var kept = mine().filter(function (item) { return item.formOf === taskKey; })[0];
            var item = {
                key: kept ? kept.key : newKey(), kind: 'survey', formOf: taskKey, url: form.getAttribute('data-outbox-api'),
                method: 'POST', body: JSON.stringify({fields: fields}), label: form.getAttribute('data-outbox-label')
            };
            var button = form.querySelector('[type=submit]');
            if (button) {
                button.disabled = true;
            }
            submit(item).then(function (result) {
                if (button) {
                    button.disabled = false;
                }
                if (result.state === 'sent') {
                    window.location.assign(form.getAttribute('data-outbox-done'));
                } else if (result.state === 'pending' && box) {
                    // The surveyor pressed the button at the foot of the form: show them at once what became of it.
                    box.scrollIntoView({block: 'start'});
                } else if (result.state === 'refused') {
                    // Nothing was saved: the page shows what to correct, field by field, in the surveyor's language.
                    forget(item.key);
                    form.setAttribute('data-posting', 'true');
                    form.submit();
                }
            });
        });
        // What this phone kept of this form fills it again.
        var unsent = mine().filter(function (item) { return item.formOf === taskKey; })[0];
        if (unsent) {
            var values = JSON.parse(unsent.body).fields || {};
            Object.keys(values).forEach(function (name) {
                var input = form.elements.namedItem(name);
                if (input && 'value' in input) {
                    input.value = values[name];
                }
            });
        }
    }

    // Drawing over a photo: arrows and lines by dragging, the line route by tapping its points, labels by tapping
    // where the text goes. Points are in the photo's own pixels, whatever size it is shown at.
    var canvas = document.getElementById('mark-canvas');
    if (canvas && canvas.getAttribute('data-may-mark') === 'true') {
        var svg = canvas.querySelector('svg.marks');
        var width = Number(canvas.getAttribute('data-width'));
        var height = Number(canvas.getAttribute('data-height'));
        var photoId = canvas.getAttribute('data-photo');
        var marks = JSON.parse(canvas.getAttribute('data-marks-json') || '[]');
        var tool = null;
        var drawing = null;
        var route = null;
        var stroke = Math.max(2, Math.max(width, height) / 160);
        var font = Math.max(12, Math.max(width, height) / 22);
        var labelInput = document.getElementById('mark-text');
        var status = document.getElementById('mark-status');
        var ns = 'http://www.w3.org/2000/svg';
        canvas.classList.add('editing');

        var point = function (event) {
            var box = svg.getBoundingClientRect();
            var x = (event.clientX - box.left) * width / box.width;
            var y = (event.clientY - box.top) * height / box.height;
            return {x: Math.round(Math.min(Math.max(x, 0), width) * 10) / 10, y: Math.round(Math.min(Math.max(y, 0), height) * 10) / 10};
        };

        var shape = function (mark) {
            var element;
            if (mark.kind === 'ARROW' || mark.kind === 'LINE') {
                element = document.createElementNS(ns, 'line');
                element.setAttribute('x1', mark.points[0].x);
                element.setAttribute('y1', mark.points[0].y);
                element.setAttribute('x2', mark.points[1].x);
                element.setAttribute('y2', mark.points[1].y);
                element.setAttribute('stroke', '#e53935');
                element.setAttribute('stroke-linecap', 'round');
                if (mark.kind === 'ARROW') {
                    element.setAttribute('marker-end', 'url(#arrowhead-' + photoId + ')');
                }
            } else if (mark.kind === 'ROUTE') {
                element = document.createElementNS(ns, 'polyline');
                element.setAttribute('points', mark.points.map(function (p) { return p.x + ',' + p.y; }).join(' '));
                element.setAttribute('fill', 'none');
                element.setAttribute('stroke', '#ff9800');
                element.setAttribute('stroke-dasharray', stroke * 3);
                element.setAttribute('stroke-linejoin', 'round');
            } else {
                element = document.createElementNS(ns, 'text');
                element.setAttribute('x', mark.points[0].x);
                element.setAttribute('y', mark.points[0].y);
                element.setAttribute('font-size', font);
                element.setAttribute('fill', '#b71c1c');
                element.setAttribute('stroke', '#ffffff');
                element.setAttribute('stroke-width', font / 6);
                element.setAttribute('paint-order', 'stroke');
                element.setAttribute('font-weight', 'bold');
                element.textContent = mark.text;
            }
            if (mark.kind !== 'LABEL') {
                element.setAttribute('stroke-width', stroke);
            }
            element.setAttribute('data-mark', mark.kind);
            return element;
        };

        var draw = function () {
            Array.prototype.slice.call(svg.querySelectorAll('[data-mark]')).forEach(function (e) { e.remove(); });
            var all = marks.slice();
            if (drawing) {
                all.push(drawing);
            }
            if (route && route.points.length) {
                all.push(route.points.length > 1 ? route : {kind: 'ROUTE', points: [route.points[0], route.points[0]]});
            }
            all.forEach(function (mark) { svg.appendChild(shape(mark)); });
            svg.setAttribute('data-marks', marks.length);
            status.textContent = canvas.getAttribute('data-unsaved').replace('{0}', marks.length);
        };

        var finishRoute = function () {
            if (route && route.points.length > 1) {
                marks.push(route);
            }
            route = null;
            draw();
        };

        Array.prototype.slice.call(document.querySelectorAll('[data-tool]')).forEach(function (button) {
            button.addEventListener('click', function () {
                finishRoute();
                tool = button.getAttribute('data-tool');
                document.querySelectorAll('[data-tool]').forEach(function (b) { b.setAttribute('aria-pressed', String(b === button)); });
            });
        });

        svg.addEventListener('pointerdown', function (event) {
            if (!tool) {
                return;
            }
            event.preventDefault();
            var at = point(event);
            if (tool === 'ARROW' || tool === 'LINE') {
                drawing = {kind: tool, points: [at, at]};
                svg.setPointerCapture(event.pointerId);
            } else if (tool === 'ROUTE') {
                route = route || {kind: 'ROUTE', points: []};
                route.points.push(at);
            } else if (tool === 'LABEL') {
                var label = labelInput.value.trim();
                if (!label) {
                    labelInput.focus();
                    status.textContent = canvas.getAttribute('data-label-first');
                    return;
                }
                marks.push({kind: 'LABEL', points: [at], text: label});
            }
            draw();
        });
        svg.addEventListener('pointermove', function (event) {
            if (drawing) {
                drawing.points[1] = point(event);
                draw();
            }
        });
        svg.addEventListener('pointerup', function (event) {
            if (drawing) {
                drawing.points[1] = point(event);
                var dx = drawing.points[1].x - drawing.points[0].x;
                var dy = drawing.points[1].y - drawing.points[0].y;
                // A tap is not a line: only strokes longer than a hundredth of the photo count.
                if (Math.sqrt(dx * dx + dy * dy) > Math.max(width, height) / 100) {
                    marks.push(drawing);
                }
                drawing = null;
                draw();
            }
        });
        document.getElementById('route-done').addEventListener('click', finishRoute);
        document.getElementById('mark-undo').addEventListener('click', function () {
            if (route && route.points.length) {
                route.points.pop();
            } else {
                marks.pop();
            }
            draw();
        });
        document.getElementById('mark-clear').addEventListener('click', function () {
            marks = [];
            route = null;
            draw();
        });
        document.getElementById('mark-save').addEventListener('click', function () {
            finishRoute();
            var item = {
                key: newKey(), kind: 'marks', url: canvas.getAttribute('data-api'), method: 'PUT',
                body: JSON.stringify({marks: marks}), label: canvas.getAttribute('data-outbox-label')
            };
            // A newer save of the same photo replaces one not yet sent.
            mine().filter(function (kept) { return kept.url === item.url; }).forEach(function (kept) { forget(kept.key); });
            submit(item).then(function (result) {
                status.textContent = result.state === 'sent' ? canvas.getAttribute('data-saved').replace('{0}', marks.length)
                    : result.state === 'pending' ? canvas.getAttribute('data-kept') : result.reason;
                status.setAttribute('data-state', result.state);
            });
        });
    }

    render();
    flush();
}());
