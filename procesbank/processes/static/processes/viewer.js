// Read-only BPMN viewer on the process page: zoom, SVG/PNG download of the diagram, and for
// the own municipality's versions a badge on each element with review comments (a link to
// them on the review page).
"use strict";

(function () {
  const container = document.getElementById("bpmn-viewer");
  if (!container || !window.BpmnJS) return;
  const viewer = new window.BpmnJS({ container });
  const canvas = () => viewer.get("canvas");

  fetch(container.dataset.bpmnUrl, { credentials: "same-origin" })
    .then((response) => response.text())
    .then((xml) => viewer.importXML(xml))
    .then(() => canvas().zoom("fit-viewport", "auto"))
    .then(() => commentBadges())
    .catch(() => {
      container.textContent = container.dataset.error;
      container.classList.add("bpmn-canvas--error");
    });

  // The comments are the review's business: a missing list leaves the diagram as it is.
  function commentBadges() {
    const url = container.dataset.commentsUrl;
    if (!url) return undefined;
    const number = new Intl.NumberFormat(document.documentElement.lang || "da");
    return fetch(url, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { badges: [] }))
      .then(({ review_url: reviewUrl, badges }) => {
        const overlays = viewer.get("overlays");
        const registry = viewer.get("elementRegistry");
        badges.forEach((badge) => {
          if (!registry.get(badge.element)) return;
          const link = document.createElement("a");
          link.className = "comment-badge";
          link.href = `${reviewUrl}?element=${encodeURIComponent(badge.element)}#comments-heading`;
          link.textContent = number.format(badge.count);
          link.setAttribute(
            "aria-label",
            (badge.count === 1
              ? container.dataset.commentsLabelOne
              : container.dataset.commentsLabel)
              .replace("{count}", number.format(badge.count))
              .replace("{name}", badge.name || badge.element),
          );
          overlays.add(badge.element, "comments", { position: { top: -12, right: 12 }, html: link });
        });
        container.dataset.commentsReady = "true";
      })
      .catch(() => undefined);
  }

  document.querySelectorAll("[data-zoom]").forEach((button) => {
    button.addEventListener("click", () => {
      const how = button.dataset.zoom;
      if (how === "fit") canvas().zoom("fit-viewport", "auto");
      else canvas().zoom(canvas().zoom() * (how === "in" ? 1.2 : 1 / 1.2));
    });
  });

  document.querySelectorAll("[data-export]").forEach((button) => {
    button.addEventListener("click", async () => {
      const { svg } = await viewer.saveSVG();
      const name = container.dataset.filename || "proces";
      if (button.dataset.export === "svg") {
        download(new Blob([svg], { type: "image/svg+xml" }), `${name}.svg`);
      } else {
        download(await svgToPng(svg), `${name}.png`);
      }
    });
  });

  function download(blob, filename) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function svgToPng(svg) {
    return new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => {
        const scale = 2; // crisp in slides and documents
        const board = document.createElement("canvas");
        board.width = image.width * scale;
        board.height = image.height * scale;
        const context = board.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, board.width, board.height);
        context.drawImage(image, 0, 0, board.width, board.height);
        board.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("png"))), "image/png");
      };
      image.onerror = reject;
      image.src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    });
  }
})();
