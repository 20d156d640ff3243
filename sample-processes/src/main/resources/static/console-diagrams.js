// Draws each running instance's BPMN diagram with bpmn-js (served from /vendor/bpmn-js/) and marks where it waits.
// A file of its own: the Content-Security-Policy allows scripts from this origin only, none inline.
(function () {
    'use strict';

    // Asks the console for the instance's BPMN and waiting activities (InstanceDiagramController), then draws them.
    function draw(container) {
        container.dataset.state = 'loading';
        fetch(container.dataset.diagram, {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
            .then(function (response) {
                if (response.status === 404) {
                    throw new Error('the instance has ended; refresh the console');
                }
                if (!response.ok) {
                    throw new Error('the console answered HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (diagram) {
                var viewer = new BpmnJS({container: container});
                return viewer.importXML(diagram.xml).then(function () {
                    var canvas = viewer.get('canvas');
                    var elements = viewer.get('elementRegistry');
                    diagram.waiting.filter(function (id) {
                        return elements.get(id);
                    }).forEach(function (id) {
                        canvas.addMarker(id, 'waiting');
                    });
                    canvas.zoom('fit-viewport', 'auto');
                    // A small process fitted to the box would be blown up; draw it no larger than life.
                    if (canvas.zoom() > 1) {
                        canvas.zoom(1, 'auto');
                    }
                    container.dataset.state = 'drawn';
                });
            })
            .catch(function (problem) {
                container.dataset.state = 'failed';
                container.textContent = 'Could not draw the diagram: ' + problem.message;
                console.error('diagram ' + container.dataset.diagram, problem);
            });
    }

    // bpmn-js measures its box to fit the diagram, and a closed <details> has none: each is drawn when first opened.
    document.querySelectorAll('details.diagram').forEach(function (details) {
        var container = details.querySelector('[data-diagram]');
        function drawOnce() {
            if (details.open && !container.dataset.state) {
                draw(container);
            }
        }
        details.addEventListener('toggle', drawOnce);
        drawOnce();
    });
})();
