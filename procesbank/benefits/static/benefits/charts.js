// Charts of the benefit register and the portfolio. Data comes from json_script elements
// (no inline scripts: the content security policy forbids them).
(function () {
  "use strict";

  function readData(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Figures and months in the page's language, as the tables beside the charts show them.
  var LANGUAGE = document.documentElement.lang || "da";

  function number(value) {
    return Number(value).toLocaleString(LANGUAGE, { maximumFractionDigits: 2 });
  }

  // ECharts names months in English only; the server names them in the page's language, as
  // the pages do (kit/formatting.py): "jan. 2026" -> "2026", "apr.", "15. jul." / "15 Jul".
  function timeLabeller(months) {
    return function (value) {
      var date = new Date(value);
      var month = months[date.getMonth()];
      if (date.getDate() !== 1) {
        return LANGUAGE === "en" ? date.getDate() + " " + month : date.getDate() + ". " + month;
      }
      if (date.getMonth() === 0) return String(date.getFullYear());
      return month;
    };
  }

  function drawRegister(data) {
    var holder = document.getElementById("benefit-charts");
    if (!holder) return;
    data.series.forEach(function (benefit) {
      var element = document.createElement("div");
      element.className = "benefit-chart";
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", benefit.name);
      // Its text alternative: the plan and the measurements listed under the benefit.
      var described = ["benefit-facts-" + benefit.id, "benefit-measurements-" + benefit.id]
        .filter(function (id) { return document.getElementById(id); });
      if (described.length) element.setAttribute("aria-describedby", described.join(" "));
      holder.appendChild(element);
      var chart = echarts.init(element);
      chart.setOption({
        animation: false,
        title: { text: benefit.name + " (" + benefit.unit + ")", textStyle: { fontSize: 13 } },
        tooltip: { trigger: "item", valueFormatter: number },
        legend: { top: 0, right: 0 },
        grid: { left: 70, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "time", axisLabel: { formatter: timeLabeller(data.months), hideOverlap: true } },
        yAxis: { type: "value", scale: true, axisLabel: { formatter: number } },
        series: [
          { name: data.labels.planned, type: "line", data: benefit.planned,
            lineStyle: { type: "dashed" }, itemStyle: { color: "#6b7280" } },
          { name: data.labels.realised, type: "line", data: benefit.realised,
            itemStyle: { color: "#1f5f99" } },
        ],
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function drawPortfolio(data) {
    var element = document.getElementById("portfolio-benefit-chart");
    if (!element) return;
    var chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: number },
      legend: { top: 0 },
      grid: { left: 90, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.years.map(String) },
      yAxis: { type: "value", axisLabel: { formatter: number } },
      series: [
        { name: data.labels.planned, type: "bar", data: data.planned, itemStyle: { color: "#5f87b8" } },
        { name: data.labels.realised, type: "bar", data: data.realised, itemStyle: { color: "#15803d" } },
      ],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var MARGIN = 95; // half a box's width, so the outer columns are not cut off

  function drawMap(data) {
    var element = document.getElementById("benefit-map-chart");
    if (!element) return;
    var colours = ["#1f5f99", "#7c3aed", "#15803d", "#b45309"];
    var rows = Math.max.apply(null, data.nodes.map(function (node) { return node.y / 90; }).concat([0]));
    element.style.height = Math.max(200, 130 + rows * 90) + "px";
    var chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: { formatter: Procesbank.tooltip(function (item) { return [item.data.name || ""]; }) },
      // Column headings centred over the columns (the graph spans the width between margins).
      graphic: data.levels.map(function (level, index) {
        var inner = element.clientWidth - 2 * MARGIN;
        return { type: "text", x: MARGIN + (index * inner) / 3, y: 8,
          style: { text: level, font: "bold 13px sans-serif", fill: colours[index], align: "center" } };
      }),
      series: [{
        type: "graph",
        layout: "none",
        top: 70, left: MARGIN, right: MARGIN, bottom: 30,
        symbol: "roundRect",
        symbolSize: [170, 48],
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 9,
        label: { show: true, width: 160, overflow: "break", fontSize: 12, color: "#fff" },
        lineStyle: { color: "#64748b", width: 1.5, curveness: 0.1 },
        data: data.nodes.map(function (node) {
          return { id: node.id, name: node.name, x: node.x, y: node.y,
            itemStyle: { color: colours[node.level] } };
        }),
        links: data.links,
      }],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof echarts === "undefined") return;
    var register = readData("benefit-data");
    if (register) drawRegister(register);
    var portfolio = readData("portfolio-data");
    if (portfolio) drawPortfolio(portfolio);
    var map = readData("benefit-map-data");
    if (map) drawMap(map);
  });
})();
