// The document viewer: a PDF drawn page by page with pdf.js (no plug-in), an image with zoom. Both fit
// the window's width first, so a phone shows a whole page; the buttons zoom in steps.
(function () {
    'use strict';

    function zoomControls(root, apply) {
        var scale = 1;
        root.querySelectorAll('[data-zoom]').forEach(function (button) {
            button.addEventListener('click', function () {
                scale = button.getAttribute('data-zoom') === 'in' ? Math.min(scale * 1.25, 4) : Math.max(scale / 1.25, 0.5);
                apply(scale);
            });
        });
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

    function render(scale) {
        pages.innerHTML = '';
        var width = pages.clientWidth || window.innerWidth;
        var chain = Promise.resolve();
        for (var n = 1; n <= pdf.numPages; n++) {
            (function (number) {
                chain = chain.then(function () {
                    return pdf.getPage(number).then(function (page) {
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
            viewer.setAttribute('data-rendered', 'true');
        });
    }

    pdfjsLib.getDocument({
        url: viewer.dataset.src,
        cMapUrl: viewer.dataset.cmaps,
        cMapPacked: true,
        standardFontDataUrl: viewer.dataset.fonts,
        isEvalSupported: false,
        withCredentials: true
    }).promise.then(function (loaded) {
        pdf = loaded;
        counter.textContent = pdf.numPages + ' / ' + pdf.numPages;
        zoomControls(viewer, render);
        return render(1);
    }).catch(function () {
        pages.textContent = viewer.dataset.failed;
        viewer.setAttribute('data-rendered', 'failed');
    });
})();
