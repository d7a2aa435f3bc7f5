// The document viewer: a PDF drawn page by page with pdf.js (no plug-in), an image with zoom. Both fit
// the window's width first, so a phone shows a whole page; the buttons zoom in steps.
(function () {
    'use strict';

    // Zoom buttons in steps; answers the state so that a newly loaded document can start again at 1.
    function zoomControls(root, apply) {
        var state = {scale: 1};
        root.querySelectorAll('[data-zoom]').forEach(function (button) {
            button.addEventListener('click', function () {
                state.scale = button.getAttribute('data-zoom') === 'in' ? Math.min(state.scale * 1.25, 4) : Math.max(state.scale / 1.25, 0.5);
                apply(state.scale);
            });
        });
        return state;
    }

    var image = document.querySelector('.image-viewer');
    if (image) {
        var img = image.querySelector('img');
        zoomControls(image, function (scale) {
            img.style.width = (scale * 100) + '%';
            img.style.maxWidth = 'none';
        });
    }

    var viewer = document.getElementById('pdf-viewer');
    if (!viewer || !window.pdfjsLib) {
        return;
    }
    var pdfjsLib = window.pdfjsLib;
    pdfjsLib.GlobalWorkerOptions.workerSrc = viewer.dataset.worker;
    var pages = viewer.querySelector('.pages');
    var counter = viewer.querySelector('[data-pages]');
    var pdf = null;
    // Each load and each zoom starts afresh: an earlier document still loading, or pages still being drawn, are dropped.
    var loads = 0;
    var drawing = 0;

    function render(scale) {
        var current = ++drawing;
        pages.innerHTML = '';
        var width = pages.clientWidth || window.innerWidth;
        var chain = Promise.resolve();
        for (var n = 1; n <= pdf.numPages; n++) {
            (function (number) {
                chain = chain.then(function () {
                    return pdf.getPage(number).then(function (page) {
                        if (current !== drawing) {
                            return;
                        }
                        var base = page.getViewport({scale: 1});
                        var viewport = page.getViewport({scale: scale * width / base.width});
                        var ratio = window.devicePixelRatio || 1;
                        var canvas = document.createElement('canvas');
                        canvas.className = 'pdf-page';
                        canvas.setAttribute('data-page', String(number));
                        canvas.width = Math.floor(viewport.width * ratio);
                        canvas.height = Math.floor(viewport.height * ratio);
                        canvas.style.width = Math.floor(viewport.width) + 'px';
                        canvas.style.height = Math.floor(viewport.height) + 'px';
                        pages.appendChild(canvas);
                        var context = canvas.getContext('2d');
                        context.setTransform(ratio, 0, 0, ratio, 0, 0);
                        return page.render({canvasContext: context, viewport: viewport}).promise;
                    });
                });
            })(n);
        }
        return chain.then(function () {
            if (current === drawing) {
                viewer.setAttribute('data-rendered', 'true');
            }
        });
    }

    var zoom = zoomControls(viewer, function (scale) {
        if (pdf) {
            render(scale);
        }
    });

    function load(src) {
        viewer.removeAttribute('data-rendered');
        viewer.setAttribute('data-src', src);
        var current = ++loads;
        return pdfjsLib.getDocument({
            url: src,
            cMapUrl: viewer.dataset.cmaps,
            cMapPacked: true,
            standardFontDataUrl: viewer.dataset.fonts,
            isEvalSupported: false,
            withCredentials: true
        }).promise.then(function (loaded) {
            if (current !== loads) {
                return;
            }
            pdf = loaded;
            counter.textContent = pdf.numPages + ' / ' + pdf.numPages;
            zoom.scale = 1;
            return render(1);
        }).catch(function () {
            pages.textContent = viewer.dataset.failed;
            viewer.setAttribute('data-rendered', 'failed');
        });
    }

    // Where a scheme has several drawings, a button per drawing shows it here in place of the one before.
    var choices = document.querySelectorAll('[data-drawing-src]');
    choices.forEach(function (button) {
        button.addEventListener('click', function () {
            choices.forEach(function (other) {
                other.setAttribute('aria-pressed', String(other === button));
            });
            pages.setAttribute('aria-label', button.dataset.drawingName);
            load(button.dataset.drawingSrc);
        });
    });

    load(viewer.dataset.src);
})();
