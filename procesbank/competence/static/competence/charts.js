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

  function option(data) {
    if (data.kind === "scatter") {
      return {
        tooltip: {
          formatter: function (p) { return p.data[2] + ": " + p.data[0] + " / " + p.data[1]; },
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
      xAxis: { type: "category", data: data.categories, name: data.xName },
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
