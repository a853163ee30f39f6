// Suggestions while typing, for inputs rendered by kit.formfields.SuggestInput: the ARIA 1.2
// combobox pattern (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) with a list popup.
// Arrow keys move through the suggestions, Enter takes one, Escape closes the list; a tree
// (KLE) shows its levels indented, and taking a main group or group shows what is under it.
"use strict";

(() => {
  let counter = 0;

  function setup(input) {
    if (input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
    counter += 1;
    const base = input.id || `suggest-${counter}`;
    const listId = `${base}-listbox`;
    const list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    // The list's own name ("Forslag"), so the field's label names the field alone.
    list.setAttribute("aria-label", input.dataset.suggestList || "Forslag");
    list.hidden = true;
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("aria-controls", listId);
    const wrapper = document.createElement("div");
    wrapper.className = "suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.append(input, list, status);

    const multiple = Boolean(input.dataset.suggestMultiple);
    let items = [];
    let active = -1;
    let timer = null;
    let request = 0;

    const term = () => {
      if (!multiple) return input.value.trim();
      const parts = input.value.split(",");
      return parts[parts.length - 1].trim();
    };

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(found) {
      items = found;
      list.replaceChildren();
      found.forEach((item, i) => {
        const option = document.createElement("li");
        option.id = `${listId}-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label || item.name || item.code;
        if (item.level) option.style.paddingLeft = `${0.5 + (item.level - 1) * 1.25}rem`;
        if (item.level === 1) option.classList.add("suggest-list__top");
        option.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep the focus in the input
          choose(i);
        });
        list.append(option);
      });
      status.textContent = found.length
        ? input.dataset.suggestCount.replace("%(count)s", String(found.length))
        : input.dataset.suggestNone;
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", String(found.length > 0));
      active = -1;
    }

    async function load(q) {
      const mine = ++request;
      const url = `${input.dataset.suggest}?q=${encodeURIComponent(q)}`;
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok || mine !== request) return;
        const found = await response.json();
        if (mine === request && document.activeElement === input) render(Array.isArray(found) ? found : []);
      } catch (error) {
        close(); // offline or refused: typing still works
      }
    }

    function choose(index) {
      const item = items[index];
      if (!item) return;
      const value = item.code || item.name;
      if (multiple) {
        const parts = input.value.split(",").slice(0, -1).map((p) => p.trim()).filter(Boolean);
        parts.push(value);
        input.value = parts.join(", ") + ", ";
      } else {
        input.value = value;
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
      if (item.level && item.level < 3) {
        load(value); // a main group or group: show what is under it
      } else {
        close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => load(term()), 150);
    });
    input.addEventListener("focus", () => {
      if (!multiple || term()) load(term());
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
    input.addEventListener("keydown", (event) => {
      const open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { load(term()); return; }
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });
  }

  function setupAll(root) {
    root.querySelectorAll("input[data-suggest]").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", () => setupAll(document));
  document.addEventListener("htmx:load", (event) => setupAll(event.target));
})();
