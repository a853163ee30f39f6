// As-is against to-be on the comparison page: the two diagrams side by side, coloured by
// bpmn-js-differ (vendor/bpmn-extras): added (green, in the to-be), removed (red, in the
// as-is), changed (orange, in both) and moved (blue, in both). Each mark has a symbol too,
// and the list under the legend says the same in words for screen readers and for print.
// A task whose measured time changed counts as changed even when the drawing did not
// (the page lists those task ids from the server's comparison).
"use strict";

(function () {
  const root = document.getElementById("diagram-diff");
  if (!root) return;
  const texts = root.dataset;
  const list = document.getElementById("diagram-diff-list");
  if (!window.BpmnJS || !window.ProcesbankBpmn) {
    list.replaceChildren(item(texts.error || ""));
    return;
  }
  const SYMBOLS = { added: "+", removed: "−", changed: "~", layout: "↔" };
  const sides = ["before", "after"].map((side) => {
    const container = root.querySelector(`[data-diff-side="${side}"]`);
    return { side, container, viewer: new window.BpmnJS({ container }) };
  });

  function item(text) {
    const node = document.createElement("li");
    node.textContent = text;
    return node;
  }

  function load(side) {
    return fetch(side.container.dataset.bpmnUrl, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then((xml) => side.viewer.importXML(xml))
      .then(() => side.viewer.get("canvas").zoom("fit-viewport", "auto"));
  }

  // Mark one element on one side; false when that side does not draw it (a process, a label).
  function mark(side, id, kind) {
    const registry = side.viewer.get("elementRegistry");
    const element = registry.get(id);
    if (!element || element.type === "label" || !element.parent) return false;
    const canvas = side.viewer.get("canvas");
    for (const other of Object.keys(SYMBOLS)) canvas.removeMarker(element, `pb-diff--${other}`);
    canvas.addMarker(element, `pb-diff--${kind}`);
    if (!element.waypoints) {
      const badge = document.createElement("span");
      badge.className = `pb-diff-badge pb-diff-badge--${kind}`;
      badge.textContent = SYMBOLS[kind];
      badge.setAttribute("aria-hidden", "true");
      side.viewer.get("overlays").add(element, "pb-diff", { position: { top: -10, right: 10 }, html: badge });
    }
    return true;
  }

  function nameOf(side, id) {
    const element = side.viewer.get("elementRegistry").get(id);
    const bo = element && element.businessObject;
    return (bo && bo.name) || id;
  }

  Promise.all(sides.map(load))
    .then(() => {
      const [before, after] = sides;
      const result = window.ProcesbankBpmn.diff(before.viewer.getDefinitions(), after.viewer.getDefinitions());
      const rows = [];
      for (const id of Object.keys(result._removed)) {
        if (mark(before, id, "removed")) rows.push([texts.removed, nameOf(before, id)]);
      }
      for (const id of Object.keys(result._added)) {
        if (mark(after, id, "added")) rows.push([texts.added, nameOf(after, id)]);
      }
      const changed = new Set(Object.keys(result._changed));
      for (const node of root.querySelectorAll("[data-time-changed]")) changed.add(node.dataset.timeChanged);
      for (const id of changed) {
        const shown = [mark(before, id, "changed"), mark(after, id, "changed")];
        if (shown.some(Boolean)) rows.push([texts.changed, nameOf(shown[1] ? after : before, id)]);
      }
      for (const id of Object.keys(result._layoutChanged)) {
        if (changed.has(id)) continue;
        const shown = [mark(before, id, "layout"), mark(after, id, "layout")];
        if (shown.some(Boolean)) rows.push([texts.layout, nameOf(after, id)]);
      }
      list.replaceChildren(...(rows.length ? rows.map(([kind, name]) => item(`${kind}: ${name}`)) : [item(texts.none || "")]));
    })
    .catch(() => list.replaceChildren(item(texts.error || "")));
})();
