// A read-only BPMN diagram with a badge on some of its elements: the review page's comment
// counts and the conformance tab's deviations. The page gives the container (its data-bpmn-url
// and data-error), the badges (one per element id) and how to draw one; elements the diagram
// does not have are skipped. Loaded after bpmn-navigated-viewer and before the page's script.
(function () {
  "use strict";

  // options: container, badges, layer (the overlay type), position, render(badge) -> element,
  // ready() called once the badges are drawn.
  function badgedDiagram(options) {
    var container = options.container;
    var viewer = new window.BpmnJS({ container: container });
    return fetch(container.dataset.bpmnUrl, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        viewer.get("canvas").zoom("fit-viewport", "auto");
        var overlays = viewer.get("overlays");
        var registry = viewer.get("elementRegistry");
        options.badges.forEach(function (badge) {
          if (!registry.get(badge.element)) return;
          overlays.add(badge.element, options.layer, {
            position: options.position,
            html: options.render(badge),
          });
        });
        if (options.ready) options.ready();
      })
      .catch(function () {
        container.textContent = container.dataset.error;
        container.classList.add("bpmn-canvas--error");
      });
  }

  window.Procesbank = window.Procesbank || {};
  window.Procesbank.badgedDiagram = badgedDiagram;
})();
