// Draws the comparison chart from the JSON the page carries (no inline scripts: CSP).
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("comparison-data");
    var target = document.getElementById("comparison-chart");
    if (!source || !target || !window.echarts) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(target);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [data.labels.hours, data.labels.fte] },
      xAxis: { type: "category", data: data.municipalities },
      yAxis: [
        { type: "value", name: data.labels.hours },
        { type: "value", name: data.labels.fte },
      ],
      series: [
        { name: data.labels.hours, type: "bar", data: data.hours },
        { name: data.labels.fte, type: "bar", yAxisIndex: 1, data: data.fte_per_10000 },
      ],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
