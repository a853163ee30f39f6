// Read-only BPMN viewer on the process page: zoom, and SVG/PNG download of the diagram.
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
    .catch(() => {
      container.textContent = container.dataset.error;
      container.classList.add("bpmn-canvas--error");
    });

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
