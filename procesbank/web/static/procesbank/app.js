// Procesbank's own browser code. No inline scripts anywhere: the CSP forbids them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Close the user menu when clicking elsewhere or pressing Escape.
  const menu = document.querySelector(".user-menu");
  if (menu) {
    document.addEventListener("click", (event) => {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") menu.removeAttribute("open");
    });
  }
});

// Forms marked data-confirm ask before they submit (deleting, restoring).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
