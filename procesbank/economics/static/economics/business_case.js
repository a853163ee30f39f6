// Charts of the business-case page: the data comes from a json_script element (no inline
// scripts: the content security policy forbids them).
(function () {
  "use strict";

  function readData(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Figures in the page's language, as the tables beside the charts show them.
  var LANGUAGE = document.documentElement.lang || "da";

  function kroner(value) {
    return Number(value).toLocaleString(LANGUAGE, { maximumFractionDigits: 0 });
  }

  function drawCashflow(data) {
    var element = document.getElementById("cashflow-chart");
    if (!element || !data.years.length) return;
    var chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: kroner },
      legend: { top: 0 },
      grid: { left: 90, right: 20, top: 50, bottom: 30 },
      xAxis: { type: "category", data: data.years.map(String) },
      yAxis: { type: "value", axisLabel: { formatter: kroner } },
      series: [
        { name: data.labels.net, type: "bar", data: data.net, itemStyle: { color: "#9bb7d4" } },
        { name: data.labels.cumulative, type: "line", data: data.cumulative, itemStyle: { color: "#1f5f99" } },
        {
          name: data.labels.cumulative_unadjusted,
          type: "line",
          data: data.cumulative_unadjusted,
          lineStyle: { type: "dashed" },
          itemStyle: { color: "#6b7280" },
        },
      ],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawTornado(data) {
    var element = document.getElementById("tornado-chart");
    if (!element || !data.tornado.length) return;
    var bars = data.tornado.slice().reverse(); // widest at the top
    var base = data.base_npv;
    var height = Math.max(200, 60 + bars.length * 36);
    element.style.height = height + "px";
    var chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: function (items) {
          var bar = bars[items[0].dataIndex];
          return bar.line + "<br>" + data.labels.at_min + ": " + kroner(bar.at_min) + " " +
            data.labels.kroner + "<br>" + data.labels.at_max + ": " + kroner(bar.at_max) + " " +
            data.labels.kroner;
        },
      },
      legend: { top: 0 },
      grid: { left: 180, right: 30, top: 40, bottom: 50 },
      xAxis: { type: "value", name: data.labels.npv, nameLocation: "middle", nameGap: 25,
        axisLabel: { formatter: kroner } },
      yAxis: { type: "category", data: bars.map(function (bar) { return bar.line; }) },
      series: [
        {
          name: data.labels.at_min,
          type: "bar",
          stack: "min",
          data: bars.map(function (bar) { return bar.at_min - base; }),
          itemStyle: { color: "#c2410c" },
          label: { show: false },
        },
        {
          name: data.labels.at_max,
          type: "bar",
          stack: "min",
          data: bars.map(function (bar) { return bar.at_max - base; }),
          itemStyle: { color: "#15803d" },
        },
      ],
    });
    // The bars show the change from the expected NPV; the axis labels add it back.
    chart.setOption({ xAxis: { axisLabel: { formatter: function (value) { return kroner(value + base); } } } });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = readData("business-case-data");
    if (!data || typeof echarts === "undefined") return;
    drawCashflow(data);
    drawTornado(data);
  });
})();
