// Sends the CSRF token with every htmx request; pages keep working without JavaScript.
document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});
// Confirms destructive actions that carry data-confirm.
document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
        event.preventDefault();
    }
});
// Enter in a field presses the button its data-enter-clicks (or its form's) names: a form whose panels lend it buttons
// (form="...") would otherwise press the first of those, such as the online form's "read photo".
document.addEventListener('keydown', function (event) {
    var field = event.target;
    if (event.key !== 'Enter' || !field || field.tagName !== 'INPUT' || field.type === 'file') {
        return;
    }
    var id = field.getAttribute('data-enter-clicks') || (field.form && field.form.getAttribute('data-enter-clicks'));
    var button = id && document.getElementById(id);
    if (button) {
        event.preventDefault();
        button.click();
    }
});
// A table wider than the screen (a phone's, mostly) scrolls sideways in a region that the keyboard can reach and a screen
// reader names (WCAG 2.1.1): each table.grid gets a wrapper that is a focusable, named region only while it really
// scrolls, so wide screens keep their tab order. A table that is its own focusable scroller, or a wrapper the page
// already made focusable, is left as it is. Without scripts the table scrolls by itself, as before.
(function () {
    var wrappers = [];
    function name(table) {
        var own = table.getAttribute('aria-label') || (table.caption && table.caption.textContent.trim());
        var section = table.closest('section, .card');
        var heading = section && section.querySelector('h1, h2, h3, h4');
        var crumb = document.querySelector('.topbar .crumb');
        return own || (heading && heading.textContent.trim()) || (crumb && crumb.textContent.trim())
            || document.body.getAttribute('data-table-label');
    }
    function wrap(root) {
        root.querySelectorAll('table.grid:not(.in-scroll):not([tabindex])').forEach(function (table) {
            var wrapper = table.parentElement;
            table.classList.add('in-scroll');
            if (wrapper.matches('.grid-scroll, .insight-scroll, .table-scroll')) {
                if (wrapper.hasAttribute('tabindex')) {
                    return;
                }
            } else {
                wrapper = document.createElement('div');
                wrapper.className = 'grid-scroll';
                table.parentElement.insertBefore(wrapper, table);
                wrapper.appendChild(table);
            }
            if (!wrapper.hasAttribute('aria-label')) {
                wrapper.setAttribute('aria-label', name(table));
            }
            wrappers.push(wrapper);
        });
        mark();
    }
    function mark() {
        wrappers = wrappers.filter(function (wrapper) { return wrapper.isConnected; });
        wrappers.forEach(function (wrapper) {
            if (wrapper.scrollWidth > wrapper.clientWidth) {
                wrapper.setAttribute('tabindex', '0');
                wrapper.setAttribute('role', 'region');
            } else {
                wrapper.removeAttribute('tabindex');
                wrapper.removeAttribute('role');
            }
        });
    }
    document.addEventListener('DOMContentLoaded', function () { wrap(document); });
    document.addEventListener('htmx:afterSettle', function (event) { wrap(event.target); });
    window.addEventListener('resize', mark);
})();
