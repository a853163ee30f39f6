// Charts of the process-mining pages, drawn from the JSON each page carries in a
// json_script element (no inline scripts: CSP).
(function () {
  "use strict";

  function data(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function chartIn(id) {
    var target = document.getElementById(id);
    if (!target || !window.echarts) {
      return null;
    }
    var chart = window.echarts.init(target);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function drawHistogram() {
    var source = data("histogram-data");
    var chart = chartIn("histogram-chart");
    if (!source || !chart) {
      return;
    }
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 50, right: 20, bottom: 70 },
      xAxis: { type: "category", data: source.histogram.labels, axisLabel: { rotate: 40 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: source.histogram.counts, itemStyle: { color: "#1f5f8b" } }],
    });
  }

  function drawTimeline() {
    var events = data("timeline-data");
    var chart = chartIn("timeline-chart");
    if (!events || !chart) {
      return;
    }
    var labels = events.map(function (event, index) { return (index + 1) + ". " + event.activity; });
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 220, right: 30 },
      xAxis: { type: "value", name: "dage" },
      yAxis: { type: "category", data: labels, inverse: true },
      series: [
        {
          type: "bar",
          stack: "t",
          itemStyle: { color: "transparent" },
          data: events.map(function (event) { return event.offset_days; }),
        },
        {
          type: "bar",
          stack: "t",
          barMinWidth: 4,
          itemStyle: { color: "#1f5f8b" },
          data: events.map(function (event) { return Math.max(event.duration_hours / 24, 0.02); }),
        },
      ],
    });
  }

  function drawComparison() {
    var source = data("comparison-data");
    var chart = chartIn("comparison-chart");
    if (!source || !chart) {
      return;
    }
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [source.labels.median, source.labels.p90] },
      grid: { left: 50, right: 20, bottom: 110 },
      xAxis: { type: "category", data: source.names, axisLabel: { rotate: 25, width: 160, overflow: "truncate" } },
      yAxis: { type: "value" },
      series: [
        { name: source.labels.median, type: "bar", data: source.median, itemStyle: { color: "#1f5f8b" } },
        { name: source.labels.p90, type: "bar", data: source.p90, itemStyle: { color: "#b5462f" } },
      ],
    });
  }

  function wireMapControls() {
    [["activities-slider", "activities-output"], ["paths-slider", "paths-output"]].forEach(
      function (pair) {
        var slider = document.getElementById(pair[0]);
        var output = document.getElementById(pair[1]);
        if (!slider || !output) {
          return;
        }
        slider.addEventListener("input", function () { output.textContent = slider.value; });
        slider.addEventListener("change", function () { slider.form.submit(); });
      }
    );
    document.querySelectorAll(".map-controls input[name=visning]").forEach(function (radio) {
      radio.addEventListener("change", function () { radio.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawHistogram();
    drawTimeline();
    drawComparison();
    wireMapControls();
  });
})();
