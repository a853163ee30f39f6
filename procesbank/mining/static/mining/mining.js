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

  // One row per event, in order: a bar from start to end, or a diamond for an instant event
  // (most logs have only completion times). Danish dates; the chart grows with the case and
  // its frame scrolls.
  function drawTimeline() {
    var events = data("timeline-data");
    var target = document.getElementById("timeline-chart");
    if (!events || !target || !window.echarts) {
      return;
    }
    target.style.height = Math.max(240, events.length * 26 + 90) + "px";
    var chart = chartIn("timeline-chart");
    var date = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "short", year: "numeric" });
    var moment = new Intl.DateTimeFormat("da-DK", {
      day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    });
    var labels = events.map(function (event, index) { return (index + 1) + ". " + event.activity; });
    var bars = [];
    var marks = [];
    events.forEach(function (event, index) {
      var item = { value: [event.start_ms, index, event.end_ms], event: event };
      (event.instant ? marks : bars).push(item);
    });
    function tip(params) {
      var event = params.data.event;
      var when = moment.format(new Date(event.start_ms));
      if (!event.instant) {
        when += " – " + moment.format(new Date(event.end_ms));
      }
      return event.resource ? [event.activity, when, event.resource] : [event.activity, when];
    }
    chart.setOption({
      tooltip: { formatter: Procesbank.tooltip(tip) },
      grid: { left: 240, right: 40, top: 20, bottom: 50 },
      xAxis: {
        type: "time",
        axisLabel: { formatter: function (value) { return date.format(new Date(value)); }, hideOverlap: true },
      },
      yAxis: {
        type: "category", data: labels, inverse: true,
        axisLabel: { width: 220, overflow: "truncate" },
      },
      series: [
        {
          type: "custom",
          data: bars,
          encode: { x: [0, 2], y: 1 },
          renderItem: function (params, api) {
            var start = api.coord([api.value(0), api.value(1)]);
            var end = api.coord([api.value(2), api.value(1)]);
            var height = api.size([0, 1])[1] * 0.55;
            return {
              type: "rect",
              shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 3), height: height },
              style: { fill: "#1f5f8b" },
            };
          },
        },
        {
          type: "scatter",
          data: marks,
          symbol: "diamond",
          symbolSize: 12,
          itemStyle: { color: "#b5462f" },
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

  // The map's controls change the map in place (WCAG 3.2.2): an arrow key on a slider or a
  // radio button never reloads the page, so focus stays where it was. The page itself is
  // fetched with the new settings and its map data, note and tables are swapped in; without
  // JavaScript the "Opdatér" button submits the same form.
  var MAP_DELAY = 350; // ms after the last slider step
  var mapTimer = 0;
  var mapRequest = 0;

  function updateMap(form) {
    var query = new URLSearchParams(new FormData(form));
    var url = window.location.pathname + "?" + query.toString();
    var seq = ++mapRequest;
    var status = form.querySelector("[data-map-status]");
    if (status) {
      status.textContent = status.getAttribute("data-loading") || "";
    }
    return fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        if (seq !== mapRequest) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ["map-data", "map-labels"].forEach(function (id) {
          var now = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (now && next) {
            now.textContent = next.textContent;
          }
        });
        ["[data-map-note]", "[data-map-alternative]"].forEach(function (selector) {
          var now = document.querySelector(selector);
          var next = fresh.querySelector(selector);
          if (now && next) {
            var open = now.querySelector("details") && now.querySelector("details").open;
            now.innerHTML = next.innerHTML;
            if (open && now.querySelector("details")) {
              now.querySelector("details").open = true;
            }
          }
        });
        window.history.replaceState(null, "", url);
        if (window.ProcesbankMap) {
          window.ProcesbankMap.reload();
        }
        if (status) {
          status.textContent = status.getAttribute("data-done") || "";
        }
      })
      .catch(function () {
        if (status) {
          status.textContent = status.getAttribute("data-failed") || "";
        }
      });
  }

  function wireMapControls() {
    var form = document.querySelector("form.map-controls");
    if (!form) {
      return;
    }
    function soon() {
      clearTimeout(mapTimer);
      mapTimer = setTimeout(function () { updateMap(form); }, MAP_DELAY);
    }
    [["activities-slider", "activities-output"], ["paths-slider", "paths-output"]].forEach(
      function (pair) {
        var slider = document.getElementById(pair[0]);
        var output = document.getElementById(pair[1]);
        if (!slider || !output) {
          return;
        }
        slider.addEventListener("input", function () { output.textContent = slider.value; });
        slider.addEventListener("change", soon);
      }
    );
    form.querySelectorAll("input[name=visning]").forEach(function (radio) {
      radio.addEventListener("change", soon);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(mapTimer);
      updateMap(form);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawHistogram();
    drawTimeline();
    drawComparison();
    wireMapControls();
  });
})();
