// The process map: boxes sized to their wrapped names, laid out in layers by dagre (MIT),
// drawn as SVG with pan, zoom, fit, export, and a details panel for a clicked box or arc.
// The graph and the Danish labels come from json_script elements (no inline script: CSP).
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var FONT_SIZE = 13;
  var LINE = 17;
  var PAD_X = 12;
  var PAD_Y = 8;
  var TEXT_WIDTH = 168; // widest line of a name before it wraps (px at 100 %)
  var MIN_WIDTH = 120;
  var BOUNDARY = 30; // diameter of the start and end symbols
  var EDGE_FONT = 11;
  var MARGIN = 24;
  var READABLE = 0.8; // the smallest zoom of the first view
  var LAYOUT_ARCS = 150;

  var graph;
  var labels;
  var direction;
  var layout; // the laid-out dagre graph of the current direction
  var view = { k: 1, x: 0, y: 0 };
  var svg;
  var viewport;
  var container;
  var fontFamily;
  var measurer;
  var number = new Intl.NumberFormat("da-DK");
  var decimal = new Intl.NumberFormat("da-DK", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function data(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return "";
    }
    if (seconds >= 86400) {
      return decimal.format(seconds / 86400) + " " + labels.unit_days;
    }
    if (seconds >= 3600) {
      return decimal.format(seconds / 3600) + " " + labels.unit_hours;
    }
    if (seconds >= 60) {
      return number.format(Math.round(seconds / 60)) + " " + labels.unit_minutes;
    }
    return number.format(Math.round(seconds)) + " " + labels.unit_seconds;
  }

  function textWidth(text, size) {
    measurer.font = (size || FONT_SIZE) + "px " + fontFamily;
    return measurer.measureText(text).width;
  }

  // Greedy wrap on spaces and after _ - /; a word wider than a line is cut into pieces.
  function wrap(text) {
    var words = text.split(/(?<=[\s_\-/])/);
    var lines = [];
    var current = "";
    words.forEach(function (word) {
      var candidate = current + word;
      if (textWidth(candidate.trim()) <= TEXT_WIDTH || current === "") {
        current = candidate;
      } else {
        lines.push(current.trim());
        current = word;
      }
      while (textWidth(current.trim()) > TEXT_WIDTH && current.length > 1) {
        var cut = current.length - 1;
        while (cut > 1 && textWidth(current.slice(0, cut)) > TEXT_WIDTH) {
          cut -= 1;
        }
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    });
    if (current.trim() !== "") {
      lines.push(current.trim());
    }
    return lines;
  }

  function performance() {
    return graph.mode === "performance";
  }

  function nodeMeasure(node) {
    return performance() ? node.median_seconds || 0 : node.frequency;
  }

  function edgeMeasure(edge) {
    return performance() ? edge.median_seconds || 0 : edge.frequency;
  }

  function nodeCaption(node) {
    if (performance()) {
      return node.median_seconds === null || node.median_seconds === undefined
        ? number.format(node.frequency)
        : duration(node.median_seconds);
    }
    return number.format(node.frequency);
  }

  function edgeCaption(edge) {
    return performance() ? edge.median_label || duration(edge.median_seconds) : number.format(edge.frequency);
  }

  function boxes() {
    return graph.nodes.map(function (node) {
      if (node.kind !== "activity") {
        return { node: node, width: BOUNDARY, height: BOUNDARY, lines: [] };
      }
      var lines = wrap(node.name);
      var caption = nodeCaption(node);
      var widest = Math.max.apply(null, lines.concat([caption]).map(function (line) {
        return textWidth(line);
      }));
      return {
        node: node,
        lines: lines,
        caption: caption,
        width: Math.max(MIN_WIDTH, Math.ceil(widest) + 2 * PAD_X),
        height: (lines.length + 1) * LINE + 2 * PAD_Y,
      };
    });
  }

  // Which arcs dagre lays out. Its layering is slow on dense graphs (seconds beyond about 150
  // arcs), so a larger map is laid out on a skeleton: each activity's most frequent incoming
  // arc, then the most frequent others up to the budget; the remaining arcs are drawn as
  // curves between the placed boxes.
  function skeleton() {
    var budget = Math.max(LAYOUT_ARCS, graph.nodes.length);
    if (graph.edges.length <= budget) {
      return graph.edges.map(function () { return true; });
    }
    var chosen = graph.edges.map(function () { return false; });
    var strongest = {};
    graph.edges.forEach(function (edge, i) {
      if (edge.source === edge.target) {
        return;
      }
      var best = strongest[edge.target];
      if (best === undefined || graph.edges[best].frequency < edge.frequency) {
        strongest[edge.target] = i;
      }
    });
    var count = 0;
    Object.keys(strongest).forEach(function (name) {
      chosen[strongest[name]] = true;
      count += 1;
    });
    graph.edges.forEach(function (edge, i) {
      // Edges arrive most frequent first.
      if (!chosen[i] && count < budget && edge.source !== edge.target) {
        chosen[i] = true;
        count += 1;
      }
    });
    return chosen;
  }

  function computeLayout() {
    var g = new window.dagre.graphlib.Graph({ multigraph: false });
    g.setGraph({
      rankdir: direction,
      nodesep: direction === "TB" ? 40 : 28,
      ranksep: direction === "TB" ? 56 : 72,
      edgesep: 18,
      marginx: MARGIN,
      marginy: MARGIN,
    });
    g.setDefaultEdgeLabel(function () { return {}; });
    boxes().forEach(function (box, index) {
      box.index = index;
      g.setNode(String(index), box);
    });
    var index = {};
    graph.nodes.forEach(function (node, i) { index[node.name] = String(i); });
    var laidOut = skeleton();
    var extra = [];
    graph.edges.forEach(function (edge, i) {
      var caption = edgeCaption(edge);
      var info = {
        edge: edge,
        index: i,
        caption: caption,
        width: caption ? Math.ceil(textWidth(caption, EDGE_FONT)) + 8 : 0,
        height: caption ? EDGE_FONT + 6 : 0,
        labelpos: "c",
        weight: Math.max(1, Math.round(Math.log(1 + edge.frequency))),
      };
      if (laidOut[i]) {
        g.setEdge(index[edge.source], index[edge.target], info);
      } else {
        info.from = index[edge.source];
        info.to = index[edge.target];
        extra.push(info);
      }
    });
    window.dagre.layout(g);
    extra.forEach(function (info) { route(g, info); });
    g.extraEdges = extra;
    return g;
  }

  // A cubic curve for an arc dagre did not lay out: along the flow from the source's far side
  // to the target's near side, or around the right (below, left to right) for a backward arc.
  function route(g, info) {
    var s = g.node(info.from);
    var t = g.node(info.to);
    var tb = direction === "TB";
    var along = function (box) { return tb ? box.y : box.x; };
    var across = function (box) { return tb ? box.x : box.y; };
    var half = function (box) { return (tb ? box.height : box.width) / 2; };
    var halfAcross = function (box) { return (tb ? box.width : box.height) / 2; };
    var point = function (a, c) { return tb ? { x: c, y: a } : { x: a, y: c }; };
    var p0, c1, c2, p3;
    if (info.from === info.to) {
      var side = across(s) + halfAcross(s);
      p0 = point(along(s) - half(s) / 2, side);
      p3 = point(along(s) + half(s) / 2, side);
      c1 = point(along(s) - half(s) - 14, side + 46);
      c2 = point(along(s) + half(s) + 14, side + 46);
    } else if (along(t) > along(s)) {
      p0 = point(along(s) + half(s), across(s));
      p3 = point(along(t) - half(t), across(t));
      var bend = Math.max(30, (along(p3) - along(p0)) / 2);
      c1 = point(along(p0) + bend, across(s));
      c2 = point(along(p3) - bend, across(t));
    } else {
      p0 = point(along(s), across(s) + halfAcross(s));
      p3 = point(along(t), across(t) + halfAcross(t));
      var out = Math.max(across(p0), across(p3)) + 40 + Math.abs(along(s) - along(t)) * 0.12;
      c1 = point(along(p0), out);
      c2 = point(along(p3), out);
    }
    info.path = "M" + p0.x + "," + p0.y + "C" + c1.x + "," + c1.y + " " + c2.x + "," + c2.y +
      " " + p3.x + "," + p3.y;
    // The curve's midpoint (t = 1/2) carries the label, if it has room there.
    info.x = (p0.x + 3 * c1.x + 3 * c2.x + p3.x) / 8;
    info.y = (p0.y + 3 * c1.y + 3 * c2.y + p3.y) / 8;
  }

  // A smooth path through dagre's points (the uniform B-spline d3 calls curveBasis).
  function basis(points) {
    var d = "M" + points[0].x + "," + points[0].y;
    if (points.length === 2) {
      return d + "L" + points[1].x + "," + points[1].y;
    }
    var x0 = points[0].x, y0 = points[0].y, x1 = points[1].x, y1 = points[1].y;
    d += "L" + (5 * x0 + x1) / 6 + "," + (5 * y0 + y1) / 6;
    for (var i = 2; i < points.length; i += 1) {
      var x = points[i].x, y = points[i].y;
      d += "C" + (2 * x0 + x1) / 3 + "," + (2 * y0 + y1) / 3 + " " + (x0 + 2 * x1) / 3 + "," +
        (y0 + 2 * y1) / 3 + " " + (x0 + 4 * x1 + x) / 6 + "," + (y0 + 4 * y1 + y) / 6;
      x0 = x1; y0 = y1; x1 = x; y1 = y;
    }
    return d + "L" + x1 + "," + y1;
  }

  function colour(share) {
    // From pale to deep blue (frequency) or red (time), like Disco's shading.
    var from = performance() ? [253, 236, 230] : [226, 237, 246];
    var to = performance() ? [165, 40, 24] : [22, 78, 122];
    var mix = from.map(function (value, i) { return Math.round(value + (to[i] - value) * share); });
    return "rgb(" + mix.join(",") + ")";
  }

  function draw() {
    layout = computeLayout();
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
    var defs = element("defs", {}, svg);
    var marker = element("marker", {
      id: "map-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerUnits: "userSpaceOnUse",
      markerWidth: 11, markerHeight: 11, orient: "auto-start-reverse",
    }, defs);
    element("path", { d: "M0,0L10,5L0,10z", fill: performance() ? "#8c3a26" : "#3d5568" }, marker);
    viewport = element("g", { class: "map-viewport" }, svg);
    var edgeLayer = element("g", { class: "map-edges" }, viewport);
    var labelLayer = element("g", { class: "map-edge-labels" }, viewport);
    var nodeLayer = element("g", { class: "map-nodes" }, viewport);
    var activityNodes = graph.nodes.filter(function (n) { return n.kind === "activity"; });
    var maxNode = Math.max.apply(null, activityNodes.map(nodeMeasure).concat([1]));
    var maxEdge = Math.max.apply(null, graph.edges.map(edgeMeasure).concat([1]));
    var fontAttributes = { "font-family": fontFamily, "font-size": FONT_SIZE };

    function drawEdge(info, path, showLabel) {
      var edge = info.edge;
      var share = edgeMeasure(edge) / maxEdge;
      var group = element("g", {
        class: "map-edge", tabindex: 0, role: "button", "data-edge": info.index,
        "aria-label": edge.source + " → " + edge.target + ": " + info.caption,
      }, edgeLayer);
      element("path", { d: path, fill: "none", stroke: "transparent", "stroke-width": 12 }, group);
      element("path", {
        class: "map-edge__line", d: path, fill: "none",
        stroke: performance() ? "#8c3a26" : "#3d5568",
        "stroke-opacity": 0.45 + 0.5 * share,
        "stroke-width": (1.2 + 7 * share).toFixed(2), "marker-end": "url(#map-arrow)",
      }, group);
      if (info.caption && showLabel) {
        var label = element("g", { class: "map-edge-label", "data-edge": info.index }, labelLayer);
        element("rect", {
          x: info.x - info.width / 2, y: info.y - info.height / 2, width: info.width,
          height: info.height, rx: 3, fill: "#fafbfc", "fill-opacity": 0.9,
        }, label);
        var text = element("text", {
          x: info.x, y: info.y + EDGE_FONT / 2 - 1, "text-anchor": "middle",
          "font-family": fontFamily, "font-size": EDGE_FONT, fill: "#243746",
        }, label);
        text.textContent = info.caption;
      }
    }

    // Rectangles already taken, for placing the labels of the curves without overlap.
    var taken = [];
    function rectangle(item) {
      return {
        left: item.x - item.width / 2, right: item.x + item.width / 2,
        top: item.y - item.height / 2, bottom: item.y + item.height / 2,
      };
    }
    function free(r) {
      return taken.every(function (o) {
        return r.right <= o.left || o.right <= r.left || r.bottom <= o.top || o.bottom <= r.top;
      });
    }
    layout.nodes().forEach(function (key) { taken.push(rectangle(layout.node(key))); });
    layout.edges().forEach(function (key) {
      var info = layout.edge(key);
      drawEdge(info, basis(info.points), true);
      if (info.caption) {
        taken.push(rectangle(info));
      }
    });
    layout.extraEdges.forEach(function (info) {
      var place = info.caption && free(rectangle(info));
      if (place) {
        taken.push(rectangle(info));
      }
      drawEdge(info, info.path, place);
    });

    layout.nodes().forEach(function (key) {
      var box = layout.node(key);
      var node = box.node;
      var group = element("g", {
        class: "map-node map-node--" + node.kind, tabindex: 0, role: "button",
        "data-node": box.index,
      }, nodeLayer);
      if (node.kind !== "activity") {
        group.setAttribute("aria-label", node.kind === "start" ? labels.start : labels.end);
      }
      if (node.kind !== "activity") {
        var start = node.kind === "start";
        element("circle", {
          cx: box.x, cy: box.y, r: BOUNDARY / 2, fill: start ? "#2e7d4f" : "#8c2f2f",
        }, group);
        element("path", {
          d: start
            ? "M" + (box.x - 4) + "," + (box.y - 7) + "L" + (box.x + 8) + "," + box.y + "L" +
              (box.x - 4) + "," + (box.y + 7) + "z"
            : "M" + (box.x - 6) + "," + (box.y - 6) + "h12v12h-12z",
          fill: "#fff",
        }, group);
        return;
      }
      var share = nodeMeasure(node) / maxNode;
      var dark = share > 0.45;
      element("rect", {
        class: "map-node__box", x: box.x - box.width / 2, y: box.y - box.height / 2,
        width: box.width, height: box.height, rx: 6, fill: colour(share),
        stroke: performance() ? "#7a2a1b" : "#16425f", "stroke-width": 1,
      }, group);
      var text = element("text", Object.assign({
        class: "map-node__label", "text-anchor": "middle", fill: dark ? "#fff" : "#10222f",
      }, fontAttributes), group);
      var top = box.y - box.height / 2 + PAD_Y + FONT_SIZE;
      box.lines.concat([box.caption]).forEach(function (line, i) {
        var span = element("tspan", { x: box.x, y: top + i * LINE }, text);
        if (i === box.lines.length) {
          span.setAttribute("font-weight", "600");
        }
        span.textContent = line;
      });
    });
  }

  function apply() {
    viewport.setAttribute(
      "transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"
    );
    var scale = document.querySelector("[data-testid=map-scale]");
    if (scale) {
      scale.textContent = number.format(Math.round(view.k * 100)) + " %";
    }
  }

  function size() {
    var info = layout.graph();
    return { width: info.width || 1, height: info.height || 1 };
  }

  // The first view: the whole width (never enlarged), from the top, but never so small that
  // the names cannot be read (then centred on the start; drag or "Tilpas" for the rest). The
  // frame grows with the map up to most of the window.
  function initialView() {
    var whole = size();
    var width = container.clientWidth;
    var tallest = Math.max(360, window.innerHeight * 0.8);
    var wholeK = Math.min(1, width / whole.width, tallest / whole.height);
    // The whole map when it is readable so, else the full width (or the readable least).
    var k = wholeK >= READABLE ? wholeK : Math.max(Math.min(1, width / whole.width), READABLE);
    var wanted = Math.ceil(whole.height * k);
    container.style.height = Math.max(360, Math.min(wanted, tallest)) + "px";
    var x = (width - whole.width * k) / 2;
    if (whole.width * k > width) {
      var start = layout.node("0");
      x = Math.min(0, Math.max(width - whole.width * k, width / 2 - start.x * k));
    }
    view = { k: k, x: x, y: 0 };
    apply();
  }

  function fit() {
    var whole = size();
    var k = Math.min(1, container.clientWidth / whole.width, container.clientHeight / whole.height);
    view = {
      k: k,
      x: (container.clientWidth - whole.width * k) / 2,
      y: (container.clientHeight - whole.height * k) / 2,
    };
    apply();
  }

  function zoomAt(factor, cx, cy) {
    var k = Math.min(4, Math.max(0.03, view.k * factor));
    view.x = cx - (cx - view.x) * (k / view.k);
    view.y = cy - (cy - view.y) * (k / view.k);
    view.k = k;
    apply();
  }

  function wirePanZoom() {
    var drag = null;
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = svg.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    svg.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) {
        return;
      }
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
        drag.moved = true;
        svg.setPointerCapture(event.pointerId);
        svg.classList.add("is-dragging");
      }
      if (drag.moved) {
        view.x = drag.vx + dx;
        view.y = drag.vy + dy;
        apply();
      }
    });
    function end(event) {
      if (drag && drag.moved) {
        svg.classList.remove("is-dragging");
        if (svg.hasPointerCapture(event.pointerId)) {
          svg.releasePointerCapture(event.pointerId);
        }
        // Swallow the click that ends a drag.
        svg.addEventListener("click", function swallow(click) {
          click.stopPropagation();
          svg.removeEventListener("click", swallow, true);
        }, true);
      }
      drag = null;
    }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
  }

  function filterLink(params) {
    var query = new URLSearchParams(window.location.search);
    // "Through here" adds to the chosen activities (each is a chip of its own); a path or
    // an endpoint replaces the previous one.
    ["start", "slut", "sti_fra", "sti_til"].forEach(function (key) { query.delete(key); });
    Object.keys(params).forEach(function (key) {
      if (key === "med") {
        if (query.getAll("med").indexOf(params[key]) === -1) {
          query.append("med", params[key]);
        }
      } else {
        query.set(key, params[key]);
      }
    });
    return window.location.pathname + "?" + query.toString();
  }

  function row(table, label, value) {
    if (value === "" || value === null || value === undefined) {
      return;
    }
    var tr = document.createElement("tr");
    var th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    var td = document.createElement("td");
    td.className = "num";
    td.textContent = value;
    tr.appendChild(th);
    tr.appendChild(td);
    table.appendChild(tr);
  }

  function showDetails(title, rows, note, link) {
    var panel = document.getElementById("map-details");
    panel.replaceChildren();
    var head = document.createElement("div");
    head.className = "map-details__head";
    var heading = document.createElement("h2");
    heading.textContent = title;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "button";
    close.textContent = labels.close;
    close.addEventListener("click", function () { panel.hidden = true; });
    head.appendChild(heading);
    head.appendChild(close);
    panel.appendChild(head);
    var table = document.createElement("table");
    table.className = "table";
    rows.forEach(function (pair) { row(table, pair[0], pair[1]); });
    panel.appendChild(table);
    if (note) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = note;
      panel.appendChild(p);
    }
    if (link) {
      var a = document.createElement("a");
      a.className = "button button--primary";
      a.href = link;
      a.textContent = labels.filter;
      panel.appendChild(a);
    }
    panel.hidden = false;
  }

  function nodeDetails(node) {
    if (node.kind !== "activity") {
      showDetails(node.kind === "start" ? labels.start : labels.end,
        [[labels.cases, number.format(node.cases)]], null, null);
      return;
    }
    var timed = node.median_seconds !== null && node.median_seconds !== undefined;
    showDetails(node.name, [
      [labels.events, number.format(node.frequency)],
      [labels.cases, number.format(node.cases)],
      [labels.median, timed ? duration(node.median_seconds) : ""],
      [labels.mean, timed ? duration(node.mean_seconds) : ""],
      [labels.max, timed ? duration(node.max_seconds) : ""],
      [labels.rework_cases, number.format(node.rework_cases)],
      [labels.repetitions, number.format(node.repetitions)],
    ], timed ? null : labels.instant, filterLink({ med: node.name }));
  }

  function edgeDetails(edge) {
    var params;
    if (edge.source === "▶") {
      params = { start: edge.target };
    } else if (edge.target === "■") {
      params = { slut: edge.source };
    } else {
      params = { sti_fra: edge.source, sti_til: edge.target };
    }
    var name = function (n) { return n === "▶" ? labels.start : n === "■" ? labels.end : n; };
    var timed = edge.median_seconds !== null && edge.median_seconds !== undefined;
    showDetails(name(edge.source) + " → " + name(edge.target), [
      [labels.transitions, number.format(edge.frequency)],
      [labels.cases, number.format(edge.case_frequency)],
      [labels.median_wait, timed ? duration(edge.median_seconds) : ""],
      [labels.mean_wait, timed ? duration(edge.mean_seconds) : ""],
      [labels.max_wait, timed ? duration(edge.max_seconds) : ""],
    ], null, filterLink(params));
  }

  function wireClicks() {
    svg.addEventListener("click", function (event) {
      var target = event.target.closest("[data-node], [data-edge]");
      if (!target) {
        return;
      }
      if (target.hasAttribute("data-node")) {
        nodeDetails(graph.nodes[Number(target.getAttribute("data-node"))]);
      } else {
        edgeDetails(graph.edges[Number(target.getAttribute("data-edge"))]);
      }
    });
    svg.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      }
    });
  }

  // A stand-alone copy of the whole map at 100 % (every style is an attribute already).
  function standalone() {
    var whole = size();
    var copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", SVG);
    copy.setAttribute("width", whole.width);
    copy.setAttribute("height", whole.height);
    copy.setAttribute("viewBox", "0 0 " + whole.width + " " + whole.height);
    copy.removeAttribute("class");
    copy.querySelector(".map-viewport").removeAttribute("transform");
    var background = element("rect", { width: "100%", height: "100%", fill: "#ffffff" });
    copy.insertBefore(background, copy.firstChild);
    return { text: new XMLSerializer().serializeToString(copy), width: whole.width, height: whole.height };
  }

  function download(blob, extension) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = (labels.filename || "proceskort") + "." + extension;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function exportSvg() {
    download(new Blob([standalone().text], { type: "image/svg+xml" }), "svg");
  }

  function exportPng() {
    var picture = standalone();
    var url = URL.createObjectURL(new Blob([picture.text], { type: "image/svg+xml" }));
    var image = new Image();
    image.onload = function () {
      // Twice the size for sharp print, within what a canvas may hold.
      var scale = Math.min(2, 16000 / Math.max(picture.width, picture.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.ceil(picture.width * scale);
      canvas.height = Math.ceil(picture.height * scale);
      var context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob(function (blob) { download(blob, "png"); }, "image/png");
    };
    image.src = url;
  }

  function wireToolbar() {
    document.querySelectorAll("[data-map-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-map-action");
        var cx = container.clientWidth / 2;
        var cy = container.clientHeight / 2;
        if (action === "zoom-in") { zoomAt(1.25, cx, cy); }
        if (action === "zoom-out") { zoomAt(0.8, cx, cy); }
        if (action === "fit") { fit(); }
        if (action === "actual") { zoomAt(1 / view.k, cx, cy); }
        if (action === "svg") { exportSvg(); }
        if (action === "png") { exportPng(); }
      });
    });
    document.querySelectorAll(".map-controls input[name=retning]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        direction = radio.value === "vandret" ? "LR" : "TB";
        var query = new URLSearchParams(window.location.search);
        if (direction === "LR") {
          query.set("retning", "vandret");
        } else {
          query.delete("retning");
        }
        window.history.replaceState(null, "", window.location.pathname + "?" + query.toString());
        draw();
        initialView();
        svg.setAttribute("data-direction", direction);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    graph = data("map-data");
    labels = data("map-labels");
    container = document.getElementById("map-canvas");
    if (!graph || !labels || !container || !window.dagre) {
      return;
    }
    direction = graph.direction === "LR" ? "LR" : "TB";
    fontFamily = window.getComputedStyle(container).fontFamily || "sans-serif";
    measurer = document.createElement("canvas").getContext("2d");
    svg = element("svg", { class: "map-svg", width: "100%", height: "100%" }, container);
    draw();
    initialView();
    wirePanZoom();
    wireClicks();
    wireToolbar();
    svg.setAttribute("data-direction", direction);
    container.setAttribute("data-ready", "true");
    // The controls (mining.js) fetch new map data in place and ask for a redraw.
    window.ProcesbankMap = {
      reload: function () {
        graph = data("map-data");
        labels = data("map-labels");
        var details = document.getElementById("map-details");
        if (details) {
          details.hidden = true;
        }
        draw();
        initialView();
        svg.setAttribute("data-direction", direction);
        container.setAttribute("data-version", String(Number(container.getAttribute("data-version") || "0") + 1));
      },
    };
  });
})();
