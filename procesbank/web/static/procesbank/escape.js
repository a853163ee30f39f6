// Chart tooltips are HTML: ECharts puts what a tooltip formatter returns into the page as
// markup. The names in them come from users, some of another municipality (an activity of a
// shared event log), so every chart's tooltip formatter goes through Procesbank.tooltip,
// which escapes each line (procesbank/web/tests/test_chart_tooltips.py fails on one that
// does not). Loaded before every page's own scripts (base.html).
(function () {
  "use strict";

  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  // The coloured dot ECharts hands a formatter as params.marker; nothing else passes as markup.
  var MARKER = /^<span style="[^"<>]*"><\/span>$/;

  function escape(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return text.replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  // lines(params) returns the tooltip's lines: a string is text; [marker, text] is ECharts'
  // marker followed by text.
  function tooltip(lines) {
    return function (params) {
      return lines(params).map(function (line) {
        if (Array.isArray(line)) {
          return (MARKER.test(line[0]) ? line[0] : escape(line[0])) + escape(line[1]);
        }
        return escape(line);
      }).join("<br>");
    };
  }

  window.Procesbank = Object.assign(window.Procesbank || {}, { escape: escape, tooltip: tooltip });
})();
