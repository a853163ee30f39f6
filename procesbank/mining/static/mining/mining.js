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

  function drawMap() {
    var graph = data("map-data");
    var target = document.getElementById("map-chart");
    if (!graph || !target || !window.echarts) {
      return;
    }
    // ECharts fits the given coordinates into the canvas; size the boxes to the same scale.
    var xs = graph.nodes.map(function (n) { return n.x; });
    var ys = graph.nodes.map(function (n) { return n.y; });
    var spanX = Math.max.apply(null, xs.concat([0])) - Math.min.apply(null, xs.concat([0])) + 240;
    var spanY = Math.max.apply(null, ys.concat([0])) - Math.min.apply(null, ys.concat([0])) + 90;
    target.style.height = Math.min(Math.max(spanY * 1.2 + 80, 360), 900) + "px";
    var chart = chartIn("map-chart");
    var scale = Math.min((target.clientWidth - 60) / spanX, (target.clientHeight - 60) / spanY, 1.2);
    var boxWidth = Math.max(60, 170 * scale);
    var boxHeight = Math.max(28, 56 * scale);
    var fontSize = Math.max(9, Math.min(13, 12 * scale));
    var performance = graph.mode === "performance";
    var maxNode = Math.max.apply(null, graph.nodes.map(function (n) { return n.frequency || 1; }));
    var maxEdge = Math.max.apply(null, graph.edges.map(function (e) {
      return performance ? (e.median_seconds || 0) : e.frequency;
    }).concat([1]));
    var nodes = graph.nodes.map(function (node) {
      var boundary = node.kind === "boundary";
      var shade = boundary ? 0 : 0.25 + 0.75 * (node.frequency / maxNode);
      return {
        name: node.name,
        x: node.x,
        y: node.y,
        symbol: boundary ? "circle" : "roundRect",
        symbolSize: boundary ? 24 : [boxWidth, boxHeight],
        value: node.frequency,
        itemStyle: boundary
          ? { color: "#555" }
          : { color: "rgba(31,95,139," + shade.toFixed(2) + ")", borderColor: "#16425f" },
        label: {
          show: true,
          color: boundary || shade < 0.6 ? (boundary ? "#fff" : "#10222f") : "#fff",
          formatter: boundary ? node.name : node.name + "\n" + node.frequency,
          width: boxWidth - 8,
          overflow: "truncate",
          fontSize: fontSize,
          lineHeight: fontSize + 3,
        },
      };
    });
    var links = graph.edges.map(function (edge) {
      var measure = performance ? (edge.median_seconds || 0) : edge.frequency;
      // The server labels durations by the one rule (kit/durations.py) in the UI language.
      var text = performance ? (edge.median_label || "") : String(edge.frequency);
      return {
        source: edge.source,
        target: edge.target,
        value: measure,
        label: { show: text !== "", formatter: text, fontSize: 11 },
        lineStyle: {
          width: 1 + 6 * (measure / maxEdge),
          color: performance ? "#b5462f" : "#5b7183",
          curveness: edge.source === edge.target ? 0.6 : 0.15,
          opacity: 0.85,
        },
      };
    });
    chart.setOption({
      tooltip: {
        formatter: function (params) {
          if (params.dataType === "edge") {
            var edge = graph.edges[params.dataIndex];
            return edge.source + " → " + edge.target + "<br>" + edge.frequency + " × " +
              (edge.median_label ? " · median " + edge.median_label : "");
          }
          return params.name + ": " + params.value;
        },
      },
      series: [{
        type: "graph",
        layout: "none",
        roam: true,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 9,
        data: nodes,
        links: links,
        edgeLabel: { show: true },
      }],
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
    var target = document.getElementById("comparison-chart");
    if (!source || !target || !window.echarts) {
      return;
    }
    // SVG, so every label is text on the page; each log's full name wraps within its slot
    // (the names often share a long beginning, so cutting them made the bars look alike).
    var chart = window.echarts.init(target, null, { renderer: "svg" });
    window.addEventListener("resize", function () { chart.resize(); });
    var slot = Math.max(60, Math.floor((target.clientWidth - 70) / Math.max(source.names.length, 1)) - 8);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [source.labels.median, source.labels.p90] },
      grid: { left: 50, right: 20, bottom: 16, containLabel: true },
      xAxis: { type: "category", data: source.names,
               axisLabel: { interval: 0, hideOverlap: false, width: slot, overflow: "break", lineHeight: 13 } },
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
    document.querySelectorAll(".map-controls input[type=radio]").forEach(function (radio) {
      radio.addEventListener("change", function () { radio.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawHistogram();
    drawMap();
    drawTimeline();
    drawComparison();
    wireMapControls();
  });
})();
