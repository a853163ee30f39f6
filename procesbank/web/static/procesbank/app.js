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
  wrapTables(document);
});

// --- Wide tables scroll inside their own labelled region (WCAG 1.4.10 reflow) -----------
// A table wider than the screen scrolls in a container instead of the page; the container is
// a named region and focusable while it overflows, so a keyboard user can scroll it too.
function tableName(table) {
  const caption = table.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  if (table.getAttribute("aria-label")) return table.getAttribute("aria-label");
  const labelledby = table.getAttribute("aria-labelledby");
  const byId = labelledby && document.getElementById(labelledby.split(" ")[0]);
  if (byId) return byId.textContent.trim();
  const section = table.closest("section, article, .card");
  const heading = section && section.querySelector("h1, h2, h3");
  if (heading) return heading.textContent.trim();
  const main = document.querySelector("main h1");
  return main ? main.textContent.trim() : document.title;
}

function markScrollable(wrapper) {
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) wrapper.setAttribute("tabindex", "0");
  else wrapper.removeAttribute("tabindex");
}

function wrapTables(root) {
  for (const table of root.querySelectorAll("table")) {
    if (table.closest(".table-scroll") || table.closest("[data-no-scroll]")) continue;
    const wrapper = document.createElement("div");
    wrapper.className = "table-scroll";
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", tableName(table));
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
    markScrollable(wrapper);
  }
}

window.addEventListener("resize", () => {
  for (const wrapper of document.querySelectorAll(".table-scroll")) markScrollable(wrapper);
});
document.addEventListener("htmx:load", (event) => wrapTables(event.target));

// --- Destructive actions ask first (WCAG 3.3.4) ------------------------------------------
// A form marked data-confirm, and any POST form whose address or button says delete / slet /
// remove / fjern, opens a modal dialog before it submits: focus goes to "Annullér", Escape
// cancels, and focus returns to the button that asked. Found generically, so a delete form a
// template forgets to mark still asks.
const DESTRUCTIVE = /(^|[\/_\-.])(slet|delete|remove|fjern)([\/_\-.?]|$)/i;
const TEXT = {
  da: { title: "Er du sikker?", body: "Handlingen kan ikke fortrydes.", cancel: "Annullér", go: "Slet" },
  en: { title: "Are you sure?", body: "This cannot be undone.", cancel: "Cancel", go: "Delete" },
};

function isDestructive(form, submitter) {
  if (form.dataset.confirm) return true;
  if (form.hasAttribute("data-no-confirm")) return false;
  const method = (form.getAttribute("method") || "get").toLowerCase();
  const action = form.getAttribute("hx-post") || form.getAttribute("action") || "";
  if (method !== "post" && !form.hasAttribute("hx-post")) return false;
  const words = [action];
  if (submitter) words.push(submitter.name || "", submitter.value || "", submitter.getAttribute("formaction") || "");
  return words.some((word) => DESTRUCTIVE.test(word));
}

function confirmDialog(message, actionLabel, onConfirm, returnFocus) {
  const lang = (document.documentElement.lang || "da").slice(0, 2);
  const text = TEXT[lang] || TEXT.da;
  const dialog = document.createElement("dialog");
  dialog.className = "confirm-dialog";
  dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
  dialog.setAttribute("aria-describedby", "confirm-dialog-body");
  const title = document.createElement("h2");
  title.id = "confirm-dialog-title";
  title.textContent = message || text.title;
  const body = document.createElement("p");
  body.id = "confirm-dialog-body";
  body.textContent = text.body;
  const actions = document.createElement("div");
  actions.className = "form-actions";
  const go = document.createElement("button");
  go.type = "button";
  go.className = "button button--danger";
  go.value = "confirm";
  go.textContent = actionLabel || text.go;
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button";
  cancel.textContent = text.cancel;
  cancel.autofocus = true;
  actions.append(go, cancel);
  dialog.append(title, body, actions);
  document.body.append(dialog);
  let confirmed = false;
  go.addEventListener("click", () => { confirmed = true; dialog.close(); });
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (confirmed) onConfirm();
    else if (returnFocus && returnFocus.isConnected) returnFocus.focus();
  });
  dialog.showModal();
  cancel.focus();
}

// Capture phase: runs before htmx's own submit listener on the form.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.confirmed === "1") return;
  const submitter = event.submitter || null;
  if (!isDestructive(form, submitter)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  const label = submitter ? submitter.textContent.trim() : "";
  confirmDialog(form.dataset.confirm, label, () => {
    form.dataset.confirmed = "1";
    form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    delete form.dataset.confirmed;
  }, submitter || form.querySelector("button, [type=submit]"));
}, true);
