// Draws the ECharts charts of the competence pages. Each chart is a <div data-chart="ID">
// whose data lies in <script type="application/json" id="ID"> (Django's json_script), so the
// page needs no inline script (the CSP forbids them).
// Data: {kind: "bar" | "line" | "scatter", categories: [...], series: [{name, data}],
//        xName, yName, xMin, xMax, yMin, yMax} (the bounds for the scatter's axes);
// a scatter point is [x, y, label].
(function () {
  "use strict";

  // Numbers as the page's language writes them (300.000 in Danish, 300,000 in English).
  var language = document.documentElement.lang || "da";

  // Every category keeps its label: ECharts hides labels that would overlap (it labelled
  // every second municipality), so each gets its slot's width and wraps in it; the tooltip
  // names the full category too.
  // A word wider than its slot would be broken mid-word ("Fredensbor|g"): then the labels
  // are turned instead, whole. About 6.5 px per character at the axis's 12 px.
  function categoryLabels(element, categories) {
    var slot = Math.max(48, Math.floor((element.clientWidth - 80) / Math.max(categories.length, 1)) - 6);
    var longestWord = Math.max.apply(null, categories.map(function (label) {
      return Math.max.apply(null, String(label).split(/\s+/).map(function (w) { return w.length; }));
    }).concat([0]));
    if (longestWord * 6.5 > slot) {
      return { interval: 0, hideOverlap: false, rotate: 35, width: 160, overflow: "break" };
    }
    return { interval: 0, hideOverlap: false, width: slot, overflow: "break", lineHeight: 13 };
  }

  function option(data, element) {
    if (data.kind === "scatter") {
      return {
        tooltip: {
          formatter: Procesbank.tooltip(function (p) {
            return [p.data[2] + ": " + p.data[0] + " / " + p.data[1]];
          }),
        },
        grid: { left: 48, right: 96, top: 32, bottom: 40 },
        xAxis: { name: data.xName, nameLocation: "middle", nameGap: 26,
                 min: data.xMin, max: data.xMax, interval: 1 },
        yAxis: { name: data.yName, min: data.yMin, max: data.yMax, interval: 1 },
        series: data.series.map(function (s) {
          return { name: s.name, type: "scatter", symbolSize: 16, data: s.data,
                   label: { show: true, position: "right", formatter: function (p) { return p.data[2]; } } };
        }),
      };
    }
    return {
      tooltip: { trigger: "axis" },
      legend: data.series.length > 1 ? {} : undefined,
      grid: { left: 48, right: 16, top: data.series.length > 1 ? 36 : 16, bottom: 32,
              containLabel: true },
      xAxis: { type: "category", data: data.categories, name: data.xName,
               axisLabel: categoryLabels(element, data.categories) },
      yAxis: { type: "value", minInterval: 1, name: data.yName,
               axisLabel: { formatter: function (v) { return v.toLocaleString(language); } } },
      series: data.series.map(function (s) {
        return { name: s.name, type: data.kind, data: s.data };
      }),
    };
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source) { return; }
      var chart = echarts.init(element, null, { renderer: "svg" });
      chart.setOption(option(JSON.parse(source.textContent), element));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
