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
