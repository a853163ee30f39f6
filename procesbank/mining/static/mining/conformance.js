// The conformance tab's model: the library version drawn read-only, with a badge on every
// task that cases skipped (↷) or did out of turn (!). The deviation table is the text form.
"use strict";

(function () {
  const container = document.getElementById("conformance-viewer");
  const data = document.getElementById("conformance-overlays");
  if (!container || !data || !window.BpmnJS) return;
  const badges = JSON.parse(data.textContent);
  const viewer = new window.BpmnJS({ container });
  const number = new Intl.NumberFormat(document.documentElement.lang || "da");

  fetch(container.dataset.bpmnUrl, { credentials: "same-origin" })
    .then((response) => response.text())
    .then((xml) => viewer.importXML(xml))
    .then(() => {
      viewer.get("canvas").zoom("fit-viewport", "auto");
      const overlays = viewer.get("overlays");
      const registry = viewer.get("elementRegistry");
      badges.forEach((badge) => {
        if (!registry.get(badge.element)) return;
        const html = document.createElement("div");
        html.className = "conformance-badge";
        const parts = [];
        if (badge.skipped) parts.push(`↷ ${number.format(badge.skipped)}`);
        if (badge.out_of_order) parts.push(`! ${number.format(badge.out_of_order)}`);
        html.textContent = parts.join("  ");
        html.title = [
          badge.skipped ? `${number.format(badge.skipped)} ${container.dataset.skipped}` : "",
          badge.out_of_order
            ? `${number.format(badge.out_of_order)} ${container.dataset.outOfOrder}`
            : "",
        ].filter(Boolean).join(", ");
        overlays.add(badge.element, "conformance", { position: { top: -14, right: 14 }, html });
      });
    })
    .catch(() => {
      container.textContent = container.dataset.error;
      container.classList.add("bpmn-canvas--error");
    });
})();
