// The conformance tab's model: the library version drawn read-only, with a badge on every
// task that cases skipped (↷) or did out of turn (!). The deviation table is the text form.
"use strict";

(function () {
  const container = document.getElementById("conformance-viewer");
  const data = document.getElementById("conformance-overlays");
  if (!container || !data || !window.BpmnJS || !window.Procesbank?.badgedDiagram) return;
  const number = new Intl.NumberFormat(document.documentElement.lang || "da");

  function render(badge) {
    const html = document.createElement("div");
    html.className = "conformance-badge";
    const parts = [];
    if (badge.skipped) parts.push(`↷ ${number.format(badge.skipped)}`);
    if (badge.out_of_order) parts.push(`! ${number.format(badge.out_of_order)}`);
    html.textContent = parts.join("  ");
    html.title = [
      badge.skipped ? `${number.format(badge.skipped)} ${container.dataset.skipped}` : "",
      badge.out_of_order ? `${number.format(badge.out_of_order)} ${container.dataset.outOfOrder}` : "",
    ].filter(Boolean).join(", ");
    return html;
  }

  window.Procesbank.badgedDiagram({
    container,
    badges: JSON.parse(data.textContent),
    layer: "conformance",
    position: { top: -14, right: 14 },
    render,
  });
})();
