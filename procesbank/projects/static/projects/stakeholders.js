// Draws a project's stakeholders on the influence x attitude grid with ECharts. The element
// <div data-stakeholder-grid="ID"> takes its data from <script type="application/json" id="ID">
// (Django's json_script), so the page needs no inline script (the CSP forbids them).
// Data: {name, xName, yName, xMin, xMax, yMin, yMax, data: [[attitude, influence, label], ...]}.
(function () {
  "use strict";

  function option(grid) {
    return {
      tooltip: {
        formatter: Procesbank.tooltip(function (p) {
          return [p.data[2] + ": " + p.data[0] + " / " + p.data[1]];
        }),
      },
      grid: { left: 48, right: 96, top: 32, bottom: 40 },
      xAxis: { name: grid.xName, nameLocation: "middle", nameGap: 26,
               min: grid.xMin, max: grid.xMax, interval: 1 },
      yAxis: { name: grid.yName, min: grid.yMin, max: grid.yMax, interval: 1 },
      series: [{
        name: grid.name, type: "scatter", symbolSize: 16, data: grid.data,
        label: { show: true, position: "right", formatter: function (p) { return p.data[2]; } },
      }],
    };
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-stakeholder-grid]").forEach(function (element) {
      var source = document.getElementById(element.dataset.stakeholderGrid);
      if (!source) { return; }
      var chart = echarts.init(element, null, { renderer: "svg" });
      chart.setOption(option(JSON.parse(source.textContent)));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
