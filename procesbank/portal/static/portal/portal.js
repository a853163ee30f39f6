// The staff portal's read-only diagram (zoomed to fit) and the print button.
"use strict";

(function () {
  const container = document.getElementById("bpmn-viewer");
  if (container && window.BpmnJS) {
    const viewer = new window.BpmnJS({ container });
    fetch(container.dataset.bpmnUrl, { credentials: "same-origin" })
      .then((response) => response.text())
      .then((xml) => viewer.importXML(xml))
      .then(() => viewer.get("canvas").zoom("fit-viewport", "auto"))
      .catch(() => {
        container.textContent = container.dataset.error;
        container.classList.add("bpmn-canvas--error");
      });
  }
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();
