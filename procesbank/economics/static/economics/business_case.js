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
        { name: data.labels.net, type: "bar", data: data.net, itemStyle: { color: "#5f87b8" } },
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
    var height = Math.max(200, 60 + bars.length * 40);
    element.style.height = height + "px";
    // SVG, so every line name is text on the page.
    var chart = echarts.init(element, null, { renderer: "svg" });

    // Each bar runs from the expected NPV to the NPV at the line's low or high value, drawn
    // on an axis of real NPVs, so the ticks are round kroner (shifting the bars by the
    // expected NPV gave ticks like -532.239).
    function range(name, key, color, marker) {
      return {
        name: name,
        type: "custom",
        itemStyle: { color: color },
        encode: { x: [1, 2], y: 0, tooltip: [2] },
        data: bars.map(function (bar, index) { return [index, base, bar[key]]; }),
        renderItem: function (params, api) {
          var start = api.coord([api.value(1), api.value(0)]);
          var end = api.coord([api.value(2), api.value(0)]);
          var thickness = api.size([0, 1])[1] * 0.55;
          var shape = echarts.graphic.clipRectByRect(
            { x: Math.min(start[0], end[0]), y: start[1] - thickness / 2,
              width: Math.abs(end[0] - start[0]), height: thickness },
            { x: params.coordSys.x, y: params.coordSys.y,
              width: params.coordSys.width, height: params.coordSys.height }
          );
          if (!shape) return null;
          // Minimum and maximum differ by more than colour (WCAG 1.4.1): each bar carries its
          // marker ("min." / "maks.") at its outer end, and the maximum's bar is hatched.
          var right = end[0] >= start[0];
          var style = api.style();
          if (marker === data.labels.at_max_short) {
            style = Object.assign({}, style, { decal: null, stroke: "#0b3d1f", lineWidth: 1.5, lineDash: [4, 2] });
          }
          return {
            type: "group",
            children: [
              { type: "rect", shape: shape, style: style },
              { type: "text", style: {
                text: marker, x: right ? shape.x + shape.width + 4 : shape.x - 4,
                y: start[1], align: right ? "left" : "right", verticalAlign: "middle",
                fill: "#1b2530", fontSize: 11 } },
            ],
          };
        },
      };
    }

    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: Procesbank.tooltip(function (items) {
          var bar = bars[items[0].dataIndex];
          return [
            bar.line,
            data.labels.at_min + ": " + kroner(bar.at_min) + " " + data.labels.kroner,
            data.labels.at_max + ": " + kroner(bar.at_max) + " " + data.labels.kroner,
          ];
        }),
      },
      legend: { top: 0 },
      // containLabel keeps the line names inside the chart; long names wrap instead of
      // running off its left edge ("Oplæring..." lost its first letter).
      grid: { left: 8, right: 30, top: 40, bottom: 50, containLabel: true },
      xAxis: { type: "value", name: data.labels.npv, nameLocation: "middle", nameGap: 30,
        scale: true, axisLabel: { formatter: kroner } },
      yAxis: { type: "category", data: bars.map(function (bar) { return bar.line; }),
        axisLabel: { interval: 0, width: 220, overflow: "break", lineHeight: 13 } },
      series: [
        range(data.labels.at_min, "at_min", "#c2410c", data.labels.at_min_short),
        range(data.labels.at_max, "at_max", "#15803d", data.labels.at_max_short),
      ],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = readData("business-case-data");
    if (!data || typeof echarts === "undefined") return;
    drawCashflow(data);
    drawTornado(data);
  });
})();
