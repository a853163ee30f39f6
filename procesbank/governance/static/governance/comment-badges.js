// The review page's diagram: read-only, with a badge on every element that has comments the
// reader may see (the count). Clicking a badge scrolls to that element's comments and marks
// them; the comment list below is the text form.
"use strict";

(function () {
  const container = document.getElementById("review-viewer");
  const data = document.getElementById("comment-badges");
  if (!container || !data || !window.BpmnJS || !window.Procesbank?.badgedDiagram) return;
  const number = new Intl.NumberFormat(document.documentElement.lang || "da");

  function showComments(element) {
    const rows = document.querySelectorAll(".comment[data-element]");
    let first = null;
    rows.forEach((row) => {
      const match = row.dataset.element === element;
      row.classList.toggle("comment--marked", match);
      if (match && !first) first = row;
    });
    if (first) {
      first.scrollIntoView({ behavior: "smooth", block: "center" });
      first.focus({ preventScroll: true });
    }
  }

  function render(badge) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "comment-badge";
    button.dataset.element = badge.element;
    button.textContent = number.format(badge.count);
    button.setAttribute(
      "aria-label",
      (badge.count === 1 ? container.dataset.labelOne : container.dataset.label)
        .replace("{count}", number.format(badge.count))
        .replace("{name}", badge.name || badge.element),
    );
    button.addEventListener("click", () => showComments(badge.element));
    return button;
  }

  window.Procesbank.badgedDiagram({
    container,
    badges: JSON.parse(data.textContent),
    layer: "comments",
    position: { top: -12, right: 12 },
    render,
    ready() {
      container.dataset.ready = "true";
      // Arriving from a badge on the process page: show that element's comments at once.
      const wanted = new URLSearchParams(window.location.search).get("element");
      if (wanted) showComments(wanted);
    },
  });
})();
