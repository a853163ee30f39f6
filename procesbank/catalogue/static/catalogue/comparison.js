// Draws the comparison chart from the JSON the page carries (no inline scripts: CSP).
(function () {
  "use strict";
  // ECharts writes numbers the English way (2,500 and 0.25); the page's language decides here,
  // so Danish pages read 2.500 and 0,25 like the table above the chart.
  var LOCALE = document.documentElement.lang === "en" ? "en-GB" : "da-DK";

  function number(value) {
    return Number(value).toLocaleString(LOCALE, { maximumFractionDigits: 3 });
  }

  function tooltipLines(params) {
    var lines = [params[0].axisValueLabel];
    params.forEach(function (item) {
      lines.push([item.marker, item.seriesName + ": " + number(item.value)]);
    });
    return lines;
  }

  function draw() {
    var source = document.getElementById("comparison-data");
    var target = document.getElementById("comparison-chart");
    if (!source || !target || !window.echarts) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(target);
    chart.setOption({
      tooltip: { trigger: "axis", formatter: Procesbank.tooltip(tooltipLines) },
      legend: { data: [data.labels.hours, data.labels.fte] },
      // Every municipality keeps its label (ECharts hides overlapping ones): each wraps
      // within its own slot.
      xAxis: { type: "category", data: data.municipalities,
               axisLabel: { interval: 0, hideOverlap: false, overflow: "break", lineHeight: 13,
                            width: Math.max(48, Math.floor((target.clientWidth - 140) /
                                                           Math.max(data.municipalities.length, 1)) - 6) } },
      yAxis: [
        { type: "value", name: data.labels.hours, axisLabel: { formatter: number } },
        { type: "value", name: data.labels.fte, axisLabel: { formatter: number } },
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
