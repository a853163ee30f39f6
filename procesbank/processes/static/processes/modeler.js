// The BPMN modeler: draw the process with bpmn-js, enter measurements per task and branch
// probabilities per gateway flow in the side panel, see the figures at once, and save.
//
// Measurements live in the BPMN itself, in our extension (namespace PB_URI, prefix pb), exactly
// as procesbank/processes/bpmn.py reads and writes them:
//   <bpmn:extensionElements><pb:measurements minutesMin= minutesLikely= minutesMax=
//     executionsPerCase= waitingMinutes= itSystem= automationNote=/></bpmn:extensionElements>
//   <bpmn:extensionElements><pb:branch probability="0..1"/></bpmn:extensionElements>
// Every user-facing text comes from <template id="modeler-texts"> (translated by Django).
"use strict";

(function () {
  const root = document.getElementById("modeler");
  const canvasNode = document.getElementById("modeler-canvas");
  if (!root || !canvasNode) return;
  const texts = document.getElementById("modeler-texts")?.dataset || {};
  if (!window.BpmnJS) {
    showLoadError();
    return;
  }

  const PB_URI = "https://procesbank.dk/schema/bpmn/1.0";
  const CALCULATE_DELAY = 400; // ms after the last change
  const PANEL_DELAY = 300; // ms after the last keystroke in the panel

  const pbDescriptor = {
    name: "Procesbank",
    uri: PB_URI,
    prefix: "pb",
    xml: { tagAlias: "lowerCase" },
    associations: [],
    enumerations: [],
    types: [
      {
        name: "Measurements",
        superClass: ["Element"],
        properties: [
          { name: "minutesMin", isAttr: true, type: "Real" },
          { name: "minutesLikely", isAttr: true, type: "Real" },
          { name: "minutesMax", isAttr: true, type: "Real" },
          { name: "executionsPerCase", isAttr: true, type: "Real" },
          { name: "waitingMinutes", isAttr: true, type: "Real" },
          { name: "itSystem", isAttr: true, type: "String" },
          { name: "automationNote", isAttr: true, type: "String" },
        ],
      },
      {
        name: "Branch",
        superClass: ["Element"],
        properties: [{ name: "probability", isAttr: true, type: "Real" }],
      },
    ],
  };
  const MEASUREMENT_NUMBERS = ["minutesMin", "minutesLikely", "minutesMax", "executionsPerCase", "waitingMinutes"];
  const MEASUREMENT_TEXTS = ["itSystem", "automationNote"];
  const MEASUREMENT_FIELDS = [...MEASUREMENT_NUMBERS, ...MEASUREMENT_TEXTS];

  // --- Danish labels for bpmn-js (palette, context pad, popup and replace menus) -------------

  const DANISH = {
    // palette
    "Activate hand tool": "Aktivér håndværktøjet",
    "Activate lasso tool": "Aktivér lassoværktøjet",
    "Activate create/remove space tool": "Aktivér værktøjet til at indsætte/fjerne plads",
    "Activate global connect tool": "Aktivér forbindelsesværktøjet",
    "Create start event": "Opret starthændelse",
    "Create intermediate/boundary event": "Opret mellem-/randhændelse",
    "Create end event": "Opret sluthændelse",
    "Create gateway": "Opret gateway",
    "Create task": "Opret opgave",
    "Create data object reference": "Opret dataobjekt",
    "Create data store reference": "Opret datalager",
    "Create expanded sub-process": "Opret udfoldet delproces",
    "Create pool/participant": "Opret pool/deltager",
    "Create group": "Opret gruppe",
    // context pad
    "Append task": "Tilføj opgave",
    "Append end event": "Tilføj sluthændelse",
    "Append gateway": "Tilføj gateway",
    "Append intermediate/boundary event": "Tilføj mellemhændelse",
    "Append receive task": "Tilføj modtageopgave",
    "Append message intermediate catch event": "Tilføj mellemhændelse: modtag besked",
    "Append timer intermediate catch event": "Tilføj mellemhændelse: timer",
    "Append conditional intermediate catch event": "Tilføj mellemhændelse: betingelse",
    "Append signal intermediate catch event": "Tilføj mellemhændelse: signal",
    "Append compensation activity": "Tilføj kompensationsaktivitet",
    "Add text annotation": "Tilføj tekstkommentar",
    "Change element": "Skift elementtype",
    "Change type": "Skift type",
    "Delete": "Slet",
    "Connect to other element": "Forbind med et andet element",
    "Connect using sequence/message flow or association": "Forbind med sekvensflow, beskedflow eller association",
    "Connect using association": "Forbind med association",
    "Connect using data input association": "Forbind med datainput-association",
    "Add lane above": "Tilføj bane ovenfor",
    "Add lane below": "Tilføj bane nedenfor",
    "Divide into two lanes": "Del i to baner",
    "Divide into three lanes": "Del i tre baner",
    "Align elements": "Justér elementer",
    "Align elements left": "Venstrejustér elementer",
    "Align elements right": "Højrejustér elementer",
    "Align elements center": "Centrér elementer vandret",
    "Align elements top": "Topjustér elementer",
    "Align elements bottom": "Bundjustér elementer",
    "Align elements middle": "Centrér elementer lodret",
    "Distribute elements horizontally": "Fordel elementer vandret",
    "Distribute elements vertically": "Fordel elementer lodret",
    "Search in diagram": "Søg i diagrammet",
    "Open {element}": "Åbn {element}",
    // replace menu: markers
    "Parallel multi-instance": "Parallel multi-instans",
    "Sequential multi-instance": "Sekventiel multi-instans",
    "Loop": "Løkke",
    "Collection": "Samling",
    "Participant multiplicity": "Flere deltagere",
    "Toggle non-interrupting": "Skift mellem afbrydende og ikke-afbrydende",
    // replace menu: activities
    "Task": "Opgave",
    "User task": "Brugeropgave",
    "Service task": "Serviceopgave",
    "Manual task": "Manuel opgave",
    "Send task": "Sendeopgave",
    "Receive task": "Modtageopgave",
    "Script task": "Scriptopgave",
    "Business rule task": "Forretningsregelopgave",
    "Call activity": "Kaldaktivitet",
    "Sub-process": "Delproces",
    "Sub-process (collapsed)": "Delproces (sammenfoldet)",
    "Sub-process (expanded)": "Delproces (udfoldet)",
    "Ad-hoc sub-process": "Ad hoc-delproces",
    "Ad-hoc sub-process (collapsed)": "Ad hoc-delproces (sammenfoldet)",
    "Ad-hoc sub-process (expanded)": "Ad hoc-delproces (udfoldet)",
    "Event sub-process": "Hændelsesdelproces",
    "Transaction": "Transaktion",
    // replace menu: gateways
    "Exclusive gateway": "Eksklusiv gateway",
    "Parallel gateway": "Parallel gateway",
    "Inclusive gateway": "Inklusiv gateway",
    "Complex gateway": "Kompleks gateway",
    "Event-based gateway": "Hændelsesbaseret gateway",
    // replace menu: flows, data and pools
    "Sequence flow": "Sekvensflow",
    "Default flow": "Standardflow",
    "Conditional flow": "Betinget flow",
    "Data object reference": "Dataobjekt",
    "Data store reference": "Datalager",
    "Empty pool/participant": "Tom pool/deltager",
    "Expanded pool/participant": "Udfoldet pool/deltager",
    // replace menu: plain events (the typed ones are composed below)
    "Start event": "Starthændelse",
    "End event": "Sluthændelse",
    "Intermediate throw event": "Mellemhændelse (afsendende)",
    "Boundary event": "Randhændelse",
    // colour picker (context pad)
    "Set color": "Vælg farve",
    "Default": "Standard",
    "Blue": "Blå",
    "Orange": "Orange",
    "Green": "Grøn",
    "Red": "Rød",
    "Purple": "Lilla",
    // minimap
    "Open minimap": "Åbn oversigtskortet",
    "Close minimap": "Luk oversigtskortet",
    // model check (bpmnlint): the button and the messages of the rules in frontend/src/lint-rules.js
    "Toggle linting overlays": "Vis eller skjul modelkontrollens markeringer",
    "{errors} Errors, {warnings} Warnings": "Fejl: {errors} · advarsler: {warnings}",
    "No Issues": "Ingen problemer",
    "Issues for child elements": "Problemer i elementer indeni",
    "Process is missing start event": "Processen mangler en starthændelse",
    "Sub process is missing start event": "Delprocessen mangler en starthændelse",
    "Process is missing end event": "Processen mangler en sluthændelse",
    "Sub process is missing end event": "Delprocessen mangler en sluthændelse",
    "Element is not connected": "Elementet er ikke forbundet med resten af processen",
    "Element is missing label/name": "Elementet mangler et navn",
    "Flow splits implicitly": "Flowet deler sig uden en gateway (ingen sandsynligheder)",
    "Gateway forks and joins": "Gatewayen både samler og deler flowet",
    "Incoming flows do not join": "De indgående flow samles ikke: brug en gateway",
    "SequenceFlow is a duplicate": "Sekvensflowet findes to gange",
    "Duplicate outgoing sequence flows": "Udgående sekvensflow findes to gange",
    "Duplicate incoming sequence flows": "Indgående sekvensflow findes to gange",
    "Gateway is superfluous. It only has one source and target.":
      "Gatewayen er overflødig: den har kun én vej ind og én vej ud",
    "Element is an implicit start": "Flowet starter her uden en starthændelse",
    "Element is an implicit end": "Flowet slutter her uden en sluthændelse",
    "Element overlaps with other element": "Elementet ligger oven på et andet element",
    "Element is outside of parent boundary": "Elementet ligger uden for sin pool eller delproces",
  };
  // "Message start event (non-interrupting)" -> "Starthændelse: besked (ikke-afbrydende)"
  const EVENT_KINDS = {
    "start event": "Starthændelse",
    "end event": "Sluthændelse",
    "intermediate catch event": "Mellemhændelse (modtagende)",
    "intermediate throw event": "Mellemhændelse (afsendende)",
    "boundary event": "Randhændelse",
  };
  const EVENT_TRIGGERS = {
    Message: "besked",
    Timer: "timer",
    Conditional: "betingelse",
    Signal: "signal",
    Error: "fejl",
    Escalation: "eskalering",
    Compensation: "kompensation",
    Cancel: "annullering",
    Terminate: "terminering",
    Link: "link",
  };
  const EVENT_LABEL = /^(\w+) (start event|end event|intermediate catch event|intermediate throw event|boundary event)( \(non-interrupting\))?$/;

  function danish(text) {
    if (Object.hasOwn(DANISH, text)) return DANISH[text];
    const match = EVENT_LABEL.exec(text);
    if (match && EVENT_TRIGGERS[match[1]]) {
      return `${EVENT_KINDS[match[2]]}: ${EVENT_TRIGGERS[match[1]]}${match[3] ? " (ikke-afbrydende)" : ""}`;
    }
    return text;
  }

  function translate(template, replacements) {
    const values = replacements || {};
    return danish(template).replace(/{([^}]+)}/g, (_, key) => values[key] || `{${key}}`);
  }
  const danishTranslateModule = { translate: ["value", translate] };

  // --- One undoable command that writes (or removes) a pb:* element of a BPMN element -------

  function PbSetExtensionHandler(modeling, bpmnFactory) {
    this.preExecute = function (context) {
      const { element, type, attrs } = context;
      const bo = element.businessObject;
      let extension = bo.get("extensionElements");
      const values = extension ? extension.get("values") : [];
      const existing = values.find((value) => value.$instanceOf(type));
      if (!attrs) {
        if (!existing) return;
        const rest = values.filter((value) => value !== existing);
        if (rest.length) modeling.updateModdleProperties(element, extension, { values: rest });
        else modeling.updateProperties(element, { extensionElements: undefined });
        return;
      }
      if (existing) {
        modeling.updateModdleProperties(element, existing, attrs);
        return;
      }
      if (!extension) {
        extension = bpmnFactory.create("bpmn:ExtensionElements", { values: [] });
        extension.$parent = bo;
        modeling.updateProperties(element, { extensionElements: extension });
      }
      const created = bpmnFactory.create(type, withoutEmpty(attrs));
      created.$parent = extension;
      modeling.updateModdleProperties(element, extension, { values: [...extension.get("values"), created] });
    };
  }
  PbSetExtensionHandler.$inject = ["modeling", "bpmnFactory"];

  function PbCommands(commandStack) {
    commandStack.registerHandler("pb.setExtension", PbSetExtensionHandler);
    commandStack.registerHandler("pb.insertTaskAfter", PbInsertTaskAfterHandler);
    commandStack.registerHandler("pb.removeTask", PbRemoveTaskHandler);
  }
  PbCommands.$inject = ["commandStack"];

  const sequenceFlows = (list) => (list || []).filter((connection) => connection.type === "bpmn:SequenceFlow");
  const centre = (shape) => ({ x: shape.x + shape.width / 2, y: shape.y + shape.height / 2 });

  // A new task right after `source`, as one undoable step: when the source had exactly one
  // outgoing flow, room is made to its right and that flow now leaves the new task, so the
  // chain source -> new -> next stays a chain (what a consultant means by "add after").
  function PbInsertTaskAfterHandler(modeling, elementFactory, spaceTool, elementRegistry) {
    this.preExecute = function (context) {
      const { source, name } = context;
      const outgoing = sequenceFlows(source.outgoing);
      const next = outgoing.length === 1 ? outgoing[0] : null;
      const shape = elementFactory.createShape({ type: "bpmn:Task" });
      const gap = shape.width + 80;
      if (next) {
        const start = source.x + source.width + 1;
        const adjust = spaceTool.calculateAdjustments(elementRegistry.getAll(), "x", gap, start);
        modeling.createSpace(adjust.movingShapes, adjust.resizingShapes, { x: gap, y: 0 }, "e", start);
      }
      const position = { x: source.x + source.width + 40 + shape.width / 2, y: source.y + source.height / 2 };
      const created = modeling.appendShape(source, shape, position, source.parent);
      if (name) modeling.updateLabel(created, name);
      if (next) modeling.reconnectStart(next, created, centre(created));
      context.created = created;
    };
  }
  PbInsertTaskAfterHandler.$inject = ["modeling", "elementFactory", "spaceTool", "elementRegistry"];

  // Delete a task, as one undoable step; a task between one predecessor and one successor
  // leaves them connected, so deleting never breaks the chain.
  function PbRemoveTaskHandler(modeling) {
    this.preExecute = function (context) {
      const { element } = context;
      const incoming = sequenceFlows(element.incoming);
      const outgoing = sequenceFlows(element.outgoing);
      if (incoming.length === 1 && outgoing.length === 1 && outgoing[0].target !== element) {
        const target = outgoing[0].target;
        modeling.reconnectEnd(incoming[0], target, centre(target));
      }
      modeling.removeElements([element]);
    };
  }
  PbRemoveTaskHandler.$inject = ["modeling"];
  const pbCommandsModule = { __init__: ["pbCommands"], pbCommands: ["type", PbCommands] };

  function withoutEmpty(attrs) {
    return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== undefined));
  }

  // --- The modeler ---------------------------------------------------------------------------

  const additionalModules = [pbCommandsModule];
  if ((document.documentElement.lang || "").toLowerCase().startsWith("da")) {
    additionalModules.push(danishTranslateModule);
  }
  // A task dropped onto a flow makes room for itself (make-room.js).
  if (window.ProcesbankMakeRoom) additionalModules.push(window.ProcesbankMakeRoom);
  // Minimap, model check (bpmnlint with our rule set) and colours: vendor/bpmn-extras.
  const extras = window.ProcesbankBpmn || null;
  const extraOptions = {};
  if (extras) {
    additionalModules.push(extras.MinimapModule, extras.LintModule, extras.ColorPickerModule);
    extraOptions.linting = { bpmnlint: extras.lintConfig, active: true };
    extraOptions.minimap = { open: true };
  }
  // diagram-js 15 binds the keyboard to the focused canvas; keyboard.bindTo is refused there
  // (with a console error), so none is given.
  const modeler = new window.BpmnJS({
    container: canvasNode,
    moddleExtensions: { pb: pbDescriptor },
    additionalModules,
    ...extraOptions,
  });
  const service = (name) => modeler.get(name);

  let loaded = false;
  let changeCount = 0; // model changes since the page was loaded
  let savedAt = 0; // changeCount at the last successful save
  let saving = false;
  const isDirty = () => changeCount !== savedAt;

  fetch(root.dataset.bpmnUrl, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    })
    .then((xml) => modeler.importXML(xml))
    .then(() => {
      fitDiagram();
      loaded = true;
      nameCanvas();
      renderTaskList();
      drawFigures();
    })
    .catch(showLoadError);

  // Like zoom("fit-viewport"), but keeps the diagram clear of the palette, never zooms in, and
  // never zooms out so far that a task's name cannot be read (below READABLE a task of
  // 100 x 80 becomes a 39 x 31 stamp with 5 px text): a longer diagram then shows its start,
  // and the minimap shows the rest.
  const READABLE = 0.75;
  function fitDiagram() {
    const canvas = service("canvas");
    canvas.zoom("fit-viewport", "auto");
    const { inner, outer } = canvas.viewbox();
    if (!inner.width || !inner.height || !outer.width || !outer.height) return;
    const palette = canvasNode.querySelector(".djs-palette");
    const pad = 24;
    const left = (palette ? palette.offsetLeft + palette.offsetWidth : 0) + pad;
    const width = Math.max(outer.width - left - pad, 1);
    const height = Math.max(outer.height - 2 * pad, 1);
    const scale = Math.max(Math.min(width / inner.width, height / inner.height, 1), READABLE);
    canvas.viewbox({
      x: inner.x - (left + Math.max(width - inner.width * scale, 0) / 2) / scale,
      y: inner.y - (pad + Math.max(height - inner.height * scale, 0) / 2) / scale,
      width: outer.width / scale,
      height: outer.height / scale,
    });
  }

  function showLoadError() {
    canvasNode.textContent = texts.loadError || "";
    canvasNode.classList.add("bpmn-canvas--error");
  }

  const eventBus = service("eventBus");

  eventBus.on("commandStack.changed", (event) => {
    if (!loaded || event.trigger === "clear") return;
    changeCount += 1;
    showUnsaved();
    scheduleCalculate();
  });

  // --- Figures: recalculated on the server from the unsaved model ----------------------------

  const metricsNode = document.getElementById("modeler-metrics");
  let calculateTimer = 0;
  let calculateSeq = 0;

  function scheduleCalculate() {
    clearTimeout(calculateTimer);
    calculateTimer = setTimeout(calculate, CALCULATE_DELAY);
  }

  async function calculate() {
    const seq = ++calculateSeq;
    try {
      const { xml } = await modeler.saveXML();
      const response = await post(root.dataset.calculateUrl, { xml });
      const html = await response.text();
      if (seq === calculateSeq && response.ok && metricsNode) {
        metricsNode.innerHTML = html;
        drawFigures();
      }
    } catch {
      // Offline for a moment: the figures stay as they were until the next change.
    }
  }

  function csrfToken() {
    try {
      const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) return headers["X-CSRFToken"];
    } catch {
      // fall through to the cookie
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    });
  }

  // --- Figures on the tasks: time per case and hours per year -------------------------------
  // From the server's calculation (the same as the panel's key figures, with the visits that
  // the gateway probabilities give), read from #task-figures in the figures partial, which
  // every recalculation replaces. Durations read as the pages show them (durations.js).

  const figuresButton = document.getElementById("figures-button");
  let showFigures = true;

  function figureLabel(item, withYear) {
    const box = document.createElement("div");
    box.className = "pb-figures";
    if (item.dataset.measured !== "true") {
      box.classList.add("pb-figures--none");
      box.textContent = texts.notMeasured || "";
      return box;
    }
    const perCase = document.createElement("span");
    perCase.className = "pb-figures__case";
    perCase.textContent = fill(texts.perCase, { duration: window.procesbankDuration(item.dataset.minutesPerCase) });
    box.append(perCase);
    if (withYear) {
      const hours = Number(item.dataset.hoursPerYear);
      const perYear = document.createElement("span");
      perYear.className = "pb-figures__year";
      perYear.textContent = fill(texts.perYear, { hours: window.procesbankNumber(hours, hours < 10 ? 1 : 0) });
      box.append(perYear);
    }
    return box;
  }

  function drawFigures() {
    if (!loaded) return;
    const overlays = service("overlays");
    overlays.remove({ type: "pb-figures" });
    const source = document.getElementById("task-figures");
    if (!showFigures || !source || !window.procesbankDuration) return;
    const withYear = Number(source.dataset.yearlyVolume) > 0;
    const registry = service("elementRegistry");
    for (const item of source.querySelectorAll("[data-task-id]")) {
      const shape = registry.get(item.dataset.taskId);
      if (!shape || shape.waypoints) continue;
      overlays.add(shape, "pb-figures", {
        position: { top: shape.height + 3, left: 0 },
        html: figureLabel(item, withYear),
        scale: { min: 1 },
      });
    }
  }

  figuresButton?.addEventListener("click", () => {
    showFigures = !showFigures;
    figuresButton.setAttribute("aria-pressed", String(showFigures));
    drawFigures();
  });

  // --- Full screen: the canvas takes the whole window; the panel stays beside it ------------

  const page = root.closest(".modeler-page");
  const fullscreenButton = document.getElementById("fullscreen-button");

  function setFullscreen(on) {
    page.classList.toggle("modeler-page--fullscreen", on);
    document.documentElement.classList.toggle("modeler-fullscreen", on);
    fullscreenButton.setAttribute("aria-pressed", String(on));
    service("canvas").resized();
    if (loaded) fitDiagram();
  }

  fullscreenButton?.addEventListener("click", () => {
    setFullscreen(!page.classList.contains("modeler-page--fullscreen"));
  });

  // --- Side panel: measurements of a task, probability of a gateway's outgoing flow ----------

  const panel = document.getElementById("task-panel");
  const taskForm = document.getElementById("task-form");
  const flowForm = document.getElementById("flow-form");
  const emptyHint = panel.querySelector("[data-empty]");
  const taskError = taskForm.querySelector("[data-task-error]");
  const flowError = flowForm.querySelector("[data-flow-error]");
  const roleNode = taskForm.querySelector("[data-role]");
  let current = null; // the selected element shown in the panel
  let panelTimer = 0;

  const isTask = (bo) => bo.$instanceOf("bpmn:Task") || bo.$instanceOf("bpmn:CallActivity");
  const isBranch = (bo) =>
    bo.$instanceOf("bpmn:SequenceFlow") &&
    !!bo.sourceRef &&
    (bo.sourceRef.$instanceOf("bpmn:ExclusiveGateway") || bo.sourceRef.$instanceOf("bpmn:InclusiveGateway"));

  function extensionOf(bo, type) {
    const values = bo.get("extensionElements")?.get("values") || [];
    return values.find((value) => value.$instanceOf(type)) || null;
  }

  eventBus.on("selection.changed", (event) => {
    flushPanel();
    const selection = event.newSelection || [];
    showPanelFor(selection.length === 1 ? selection[0] : null);
  });

  eventBus.on("element.changed", (event) => {
    // Undo, redo or a rename: refresh the panel, but never under the user's fingers.
    if (current && event.element === current && !panel.contains(document.activeElement)) {
      showPanelFor(current);
    }
  });

  function showPanelFor(selected) {
    const element = selected ? selected.labelTarget || selected : null; // a label stands for its element
    const bo = element && element.businessObject;
    const kind = bo ? (isTask(bo) ? "task" : isBranch(bo) ? "flow" : null) : null;
    current = kind ? element : null;
    taskForm.hidden = kind !== "task";
    flowForm.hidden = kind !== "flow";
    emptyHint.hidden = kind !== null;
    setError(taskForm, taskError, "", []);
    setError(flowForm, flowError, "", []);
    if (kind === "task") fillTaskForm(bo);
    if (kind === "flow") fillFlowForm(bo);
  }

  function fillTaskForm(bo) {
    taskForm.querySelector("[data-task-name]").textContent = bo.name || bo.id;
    taskForm.elements.taskName.value = bo.name || "";
    const measurements = extensionOf(bo, "pb:Measurements");
    for (const name of MEASUREMENT_FIELDS) {
      const value = measurements ? measurements.get(name) : undefined;
      taskForm.elements[name].value = value === undefined || value === null ? "" : showNumber(value);
    }
    if (!measurements) taskForm.elements.executionsPerCase.value = "1";
    const role = laneOf(bo);
    roleNode.textContent = role ? `${texts.roleLabel || ""} ${role}`.trim() : "";
    roleNode.hidden = !role;
  }

  function fillFlowForm(bo) {
    const source = bo.sourceRef?.name || bo.sourceRef?.id || "";
    const target = bo.targetRef?.name || bo.targetRef?.id || "";
    flowForm.querySelector("[data-flow-name]").textContent = bo.name || `${source} → ${target}`;
    const branch = extensionOf(bo, "pb:Branch");
    const probability = branch ? branch.get("probability") : undefined;
    flowForm.elements.probability.value =
      probability === undefined || probability === null ? "" : showNumber(Number((probability * 100).toPrecision(12)));
  }

  // The innermost lane that lists the task, else the lane of its sub-process: its role.
  function laneOf(bo) {
    let best = "";
    let bestDepth = -1;
    service("elementRegistry").forEach((shape) => {
      const lane = shape.businessObject;
      if (shape.type !== "bpmn:Lane" || !(lane.get("flowNodeRef") || []).includes(bo)) return;
      let depth = 0;
      for (let up = lane.$parent; up; up = up.$parent) if (up.$instanceOf("bpmn:Lane")) depth += 1;
      if (depth >= bestDepth) {
        bestDepth = depth;
        best = (lane.name || "").trim();
      }
    });
    if (!best && bo.$parent && bo.$parent.$instanceOf("bpmn:SubProcess")) return laneOf(bo.$parent);
    return best;
  }

  function setError(form, node, message, invalidNames) {
    node.textContent = message;
    node.hidden = !message;
    for (const input of form.elements) {
      if (!input.name) continue;
      if (invalidNames.includes(input.name)) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }

  // Numbers as the pages read and show them (kit/formatting.py, parse_number): "25,6" and
  // "25.6" are both 25.6, "1.234,5" and "1,234.5" both 1234.5; a lone separator before
  // exactly three digits groups thousands unless it is the page's own decimal sign. Text
  // boxes, not type="number": a browser refuses "25,6" there when its locale is English.
  const DECIMAL_SIGN = (document.documentElement.lang || "da").startsWith("en") ? "." : ",";

  function grouped(text, sign) {
    const separator = sign === "." ? "\\." : ",";
    return new RegExp(`^[+-]?[1-9][0-9]{0,2}(${separator}[0-9]{3})+$`).test(text);
  }

  function parseNumber(raw) {
    const text = raw.replace(/[\s\u00a0\u202f']/g, "").replace("\u2212", "-");
    if (/^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$/.test(text)) return Number(text);
    if (!/^[+-]?[0-9.,]*[0-9][0-9.,]*$/.test(text)) return NaN;
    const commas = text.split(",").length - 1;
    const dots = text.split(".").length - 1;
    if (commas && dots) {
      const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
      const group = decimal === "," ? "." : ",";
      const whole = text.slice(0, text.lastIndexOf(decimal));
      if (whole.includes(decimal) || !grouped(whole, group)) return NaN;
      return Number(`${whole.split(group).join("")}.${text.slice(text.lastIndexOf(decimal) + 1)}`);
    }
    if (!commas && !dots) return Number(text);
    const sign = commas ? "," : ".";
    if (commas + dots > 1 || (sign !== DECIMAL_SIGN && grouped(text, sign))) {
      return grouped(text, sign) ? Number(text.split(sign).join("")) : NaN;
    }
    return Number(text.replace(sign, "."));
  }

  function showNumber(value) {
    return String(value).replace(".", DECIMAL_SIGN);
  }

  // A number field: null when empty, NaN when not a non-negative number.
  function readNumber(input) {
    const text = input.value.trim();
    if (text === "") return null;
    const value = parseNumber(text);
    return Number.isFinite(value) && value >= 0 ? value : NaN;
  }

  // -> {error, invalid} or {attrs} (attrs null: remove the measurements)
  function readTaskForm() {
    const numbers = {};
    const invalid = [];
    for (const name of MEASUREMENT_NUMBERS) {
      numbers[name] = readNumber(taskForm.elements[name]);
      if (Number.isNaN(numbers[name])) invalid.push(name);
    }
    if (invalid.length) return { error: texts.invalidNumber, invalid };
    const textValues = Object.fromEntries(MEASUREMENT_TEXTS.map((name) => [name, taskForm.elements[name].value.trim()]));
    const { minutesMin: low, minutesLikely: likely, minutesMax: high } = numbers;
    const times = [low, likely, high];
    if (times.every((value) => value === null)) {
      const other = numbers.waitingMinutes !== null || textValues.itSystem || textValues.automationNote ||
        (numbers.executionsPerCase !== null && numbers.executionsPerCase !== 1);
      return other ? { error: texts.incomplete, invalid: ["minutesMin", "minutesLikely", "minutesMax"] } : { attrs: null };
    }
    if (times.some((value) => value === null)) {
      const missing = ["minutesMin", "minutesLikely", "minutesMax"].filter((name) => numbers[name] === null);
      return { error: texts.incomplete, invalid: missing };
    }
    if (low > likely) return { error: texts.minOrder, invalid: ["minutesMin", "minutesLikely"] };
    if (likely > high) return { error: texts.minOrder, invalid: ["minutesLikely", "minutesMax"] };
    return {
      attrs: {
        minutesMin: low,
        minutesLikely: likely,
        minutesMax: high,
        executionsPerCase: numbers.executionsPerCase === null ? 1 : numbers.executionsPerCase,
        waitingMinutes: numbers.waitingMinutes === null ? undefined : numbers.waitingMinutes,
        itSystem: textValues.itSystem || undefined,
        automationNote: textValues.automationNote || undefined,
      },
    };
  }

  function readFlowForm() {
    const percent = readNumber(flowForm.elements.probability);
    if (Number.isNaN(percent) || (percent !== null && percent > 100)) {
      return { error: texts.invalidPercent || texts.invalidNumber, invalid: ["probability"] };
    }
    return { attrs: percent === null ? null : { probability: Number((percent / 100).toPrecision(12)) } };
  }

  function sameAttrs(moddleElement, attrs) {
    if (!moddleElement || !attrs) return !moddleElement && !attrs;
    return Object.entries(attrs).every(([name, value]) => moddleElement.get(name) === value);
  }

  function writePanel() {
    clearTimeout(panelTimer);
    panelTimer = 0;
    if (!current || service("elementRegistry").get(current.id) !== current) return; // gone meanwhile
    const task = !taskForm.hidden;
    const form = task ? taskForm : flowForm;
    const result = task ? readTaskForm() : readFlowForm();
    setError(form, task ? taskError : flowError, result.error || "", result.invalid || []);
    if (result.error) return;
    const type = task ? "pb:Measurements" : "pb:Branch";
    if (sameAttrs(extensionOf(current.businessObject, type), result.attrs)) return;
    service("commandStack").execute("pb.setExtension", { element: current, type, attrs: result.attrs });
  }

  function flushPanel() {
    if (panelTimer) writePanel();
  }

  for (const form of [taskForm, flowForm]) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      writePanel();
    });
    form.addEventListener("input", () => {
      clearTimeout(panelTimer);
      panelTimer = setTimeout(writePanel, PANEL_DELAY);
    });
    form.addEventListener("change", writePanel);
  }

  // --- The task list: the consultant's core work without a mouse ----------------------------
  // Select, rename, measure, add after and delete tasks; every change goes through the same
  // modeler commands as the canvas (one model, one undo stack, one save).

  const taskList = document.getElementById("task-list");
  const taskListEmpty = panel.querySelector("[data-task-list-empty]");
  const taskListStatus = document.getElementById("task-list-status");
  const addButton = document.getElementById("task-add");
  const deleteDialog = document.getElementById("task-delete-dialog");
  const shortcutsDialog = document.getElementById("shortcuts-dialog");
  let listSignature = "";

  function fill(template, values) {
    return (template || "").replace(/{(\w+)}/g, (_, key) => values[key] ?? "");
  }

  function nameCanvas() {
    const svg = canvasNode.querySelector("svg");
    if (!svg) return;
    svg.setAttribute("role", "application");
    svg.setAttribute("aria-label", texts.canvasLabel || "");
    svg.setAttribute("aria-describedby", "modeler-instructions");
    svg.setAttribute("aria-keyshortcuts", "Control+F E R Delete");
  }

  // Tasks in the order a case meets them: breadth first from the start events, then any task
  // no path reaches, left to right. With `withBranches`, each exclusive or inclusive gateway's
  // outgoing flows follow it, so their probabilities can be entered from the list too.
  function tasksInOrder(withBranches) {
    const registry = service("elementRegistry");
    const shapes = registry.filter((shape) => !shape.waypoints && !shape.labelTarget && shape.businessObject);
    const starts = shapes.filter((shape) => shape.type === "bpmn:StartEvent").sort((a, b) => a.y - b.y || a.x - b.x);
    const seen = new Set();
    const order = [];
    const queue = [...starts];
    while (queue.length) {
      const shape = queue.shift();
      if (seen.has(shape)) continue;
      seen.add(shape);
      if (isTask(shape.businessObject)) order.push(shape);
      if (withBranches) order.push(...sequenceFlows(shape.outgoing).filter((flow) => isBranch(flow.businessObject)));
      const targets = sequenceFlows(shape.outgoing).map((flow) => flow.target).filter(Boolean);
      targets.sort((a, b) => a.y - b.y || a.x - b.x);
      queue.push(...targets);
      for (const child of shape.children || []) if (child.type === "bpmn:StartEvent") queue.push(child);
    }
    const rest = shapes.filter((shape) => !seen.has(shape) && isTask(shape.businessObject));
    rest.sort((a, b) => a.x - b.x || a.y - b.y);
    return [...order, ...rest];
  }

  function summary(bo) {
    const parts = [];
    const role = laneOf(bo);
    if (role) parts.push(role);
    const measurements = extensionOf(bo, "pb:Measurements");
    if (measurements && measurements.get("minutesLikely") !== undefined) {
      const low = measurements.get("minutesMin");
      const likely = measurements.get("minutesLikely");
      const high = measurements.get("minutesMax");
      parts.push(`${showNumber(low)}–${showNumber(likely)}–${showNumber(high)} ${texts.minutes || ""}`.trim());
      if (measurements.get("itSystem")) parts.push(measurements.get("itSystem"));
    } else {
      parts.push(texts.notMeasured || "");
    }
    return parts.filter(Boolean).join(" · ");
  }

  function branchName(bo) {
    const gateway = bo.sourceRef?.name || texts.gateway || "";
    const target = bo.targetRef?.name || bo.targetRef?.id || "";
    return `${gateway} → ${bo.name ? `${bo.name}: ` : ""}${target}`;
  }

  function branchSummary(bo) {
    const branch = extensionOf(bo, "pb:Branch");
    const probability = branch ? branch.get("probability") : undefined;
    if (probability === undefined || probability === null) return texts.noProbability || "";
    return `${showNumber(Number((probability * 100).toPrecision(12)))} %`;
  }

  function renderTaskList() {
    if (!loaded) return;
    const items = tasksInOrder(true);
    const selected = service("selection").get();
    const rows = items.map((shape) => ({
      id: shape.id,
      name: shape.waypoints ? branchName(shape.businessObject) : shape.businessObject.name || shape.id,
      meta: shape.waypoints ? branchSummary(shape.businessObject) : summary(shape.businessObject),
      branch: !!shape.waypoints,
      current: selected.length === 1 && (selected[0] === shape || selected[0].labelTarget === shape),
    }));
    const signature = JSON.stringify(rows);
    if (signature === listSignature) return;
    listSignature = signature;
    const focusedId = taskList.contains(document.activeElement) ? document.activeElement.dataset.elementId : null;
    const nodes = rows.map((row) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = row.branch ? "task-list__item task-list__item--branch" : "task-list__item";
      button.dataset.elementId = row.id;
      if (row.current) button.setAttribute("aria-current", "true");
      const name = document.createElement("span");
      name.className = "task-list__name";
      name.textContent = row.name;
      const meta = document.createElement("span");
      meta.className = "task-list__meta";
      meta.textContent = row.meta;
      button.append(name, " ", meta);
      item.append(button);
      return item;
    });
    taskList.replaceChildren(...nodes);
    taskListEmpty.hidden = rows.length > 0;
    if (focusedId) taskList.querySelector(`[data-element-id="${CSS.escape(focusedId)}"]`)?.focus();
  }

  function selectTask(id) {
    const shape = service("elementRegistry").get(id);
    if (!shape) return;
    service("selection").select(shape);
    try {
      service("canvas").scrollToElement(shape);
    } catch {
      // an element outside the visible root: selecting it is enough
    }
  }

  taskList.addEventListener("click", (event) => {
    const button = event.target.closest("[data-element-id]");
    if (button) selectTask(button.dataset.elementId);
  });

  taskList.addEventListener("keydown", (event) => {
    const buttons = [...taskList.querySelectorAll("[data-element-id]")];
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, moves[event.key]))].focus();
  });

  eventBus.on(["commandStack.changed", "selection.changed", "elements.changed"], () => renderTaskList());

  function announce(message, withUndo) {
    taskListStatus.replaceChildren(document.createTextNode(message));
    if (!withUndo) return;
    const undo = document.createElement("button");
    undo.type = "button";
    undo.className = "button button--small";
    undo.textContent = texts.undo || "";
    undo.addEventListener("click", () => {
      service("commandStack").undo();
      announce(texts.undone || "", false);
      addButton.focus();
    });
    taskListStatus.append(" ", undo);
  }

  function currentTask() {
    return current && !taskForm.hidden && service("elementRegistry").get(current.id) === current ? current : null;
  }

  // Where "Tilføj opgave" without a selected task adds: before the end of the main path.
  function defaultSource() {
    const shapes = service("elementRegistry").filter((shape) => !shape.waypoints && !shape.labelTarget);
    for (const end of shapes.filter((shape) => shape.type === "bpmn:EndEvent")) {
      const incoming = sequenceFlows(end.incoming);
      if (incoming.length === 1 && incoming[0].source) return incoming[0].source;
    }
    const tasks = tasksInOrder();
    if (tasks.length) return tasks[tasks.length - 1];
    return shapes.find((shape) => shape.type === "bpmn:StartEvent") || null;
  }

  function insertAfter(source) {
    if (!loaded || !source) return;
    flushPanel();
    const context = { source, name: texts.newTask || "" };
    service("commandStack").execute("pb.insertTaskAfter", context);
    const created = context.created;
    if (!created) return;
    selectTask(created.id);
    announce(fill(texts.added, { name: created.businessObject.name || "" }), false);
    const field = taskForm.elements.taskName;
    field.focus();
    field.select();
  }

  addButton.addEventListener("click", () => insertAfter(currentTask() || defaultSource()));
  taskForm.querySelector("[data-task-append]").addEventListener("click", () => insertAfter(currentTask()));

  let toDelete = null;
  taskForm.querySelector("[data-task-delete]").addEventListener("click", () => {
    toDelete = currentTask();
    if (!toDelete) return;
    document.getElementById("task-delete-text").textContent = fill(texts.deleteQuestion, {
      name: toDelete.businessObject.name || toDelete.id,
    });
    deleteDialog.showModal();
  });

  deleteDialog.querySelector("[data-cancel]").addEventListener("click", () => deleteDialog.close("cancel"));
  deleteDialog.querySelector("[data-confirm]").addEventListener("click", () => deleteDialog.close("delete"));
  deleteDialog.addEventListener("close", () => {
    const element = toDelete;
    toDelete = null;
    if (deleteDialog.returnValue !== "delete" || !element) {
      taskForm.querySelector("[data-task-delete]").focus();
      return;
    }
    deleteDialog.returnValue = "";
    const order = tasksInOrder(true);
    const index = order.indexOf(element);
    const name = element.businessObject.name || element.id;
    clearTimeout(panelTimer);
    panelTimer = 0;
    service("selection").select(null);
    service("commandStack").execute("pb.removeTask", { element });
    announce(fill(texts.deleted, { name }), true);
    renderTaskList();
    const buttons = taskList.querySelectorAll("[data-element-id]");
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next || addButton).focus();
  });

  // Change the type (user task, service task ...): bpmn-js's own replace menu, which has a
  // search field and arrow keys; focus comes back to the button when it closes.
  const replaceButton = taskForm.querySelector("[data-task-replace]");
  let replacing = false;
  replaceButton.addEventListener("click", () => {
    const element = currentTask();
    if (!element) return;
    flushPanel();
    const box = service("elementRegistry").getGraphics(element).getBoundingClientRect();
    replacing = true;
    service("popupMenu").open(element, "bpmn-replace", { x: box.left, y: box.bottom + 5 }, {
      title: texts.changeType,
      width: 300,
      search: true,
    });
  });
  eventBus.on("popupMenu.closed", () => {
    if (!replacing) return;
    replacing = false;
    setTimeout(() => {
      if (!taskForm.hidden) replaceButton.focus();
      else addButton.focus();
    }, 0);
  });

  // Rename: on change (Tab away) or Enter, through bpmn-js's own label update.
  function renameCurrent() {
    const element = currentTask();
    const name = taskForm.elements.taskName.value.trim();
    if (!element || !name || name === (element.businessObject.name || "")) return;
    service("modeling").updateLabel(element, name);
    taskForm.querySelector("[data-task-name]").textContent = name;
  }
  taskForm.elements.taskName.addEventListener("change", renameCurrent);
  taskForm.addEventListener("submit", renameCurrent);

  // The help with every shortcut: a button, or "?" anywhere outside a text field.
  const typing = (node) =>
    node instanceof HTMLElement && (node.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(node.tagName));
  document.getElementById("shortcuts-button").addEventListener("click", () => shortcutsDialog.showModal());
  shortcutsDialog.querySelector("[data-close]").addEventListener("click", () => shortcutsDialog.close());
  document.addEventListener("keydown", (event) => {
    if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    shortcutsDialog.showModal();
  });

  // --- Saving --------------------------------------------------------------------------------

  const saveButton = document.getElementById("save-button");
  const saveComment = document.getElementById("save-comment");
  const saveStatus = document.getElementById("save-status");

  function setStatus(state, message) {
    saveStatus.textContent = message || "";
    saveStatus.dataset.state = state;
  }

  function showUnsaved() {
    if (!saving) setStatus("unsaved", texts.unsaved);
  }

  async function save() {
    if (saving || !loaded) return;
    flushPanel();
    saving = true;
    saveButton.disabled = true;
    saveButton.setAttribute("aria-busy", "true");
    setStatus("saving", texts.saving);
    const savingAt = changeCount;
    let xml = "";
    try {
      xml = (await modeler.saveXML({ format: true })).xml;
      const response = await post(root.dataset.saveUrl, {
        xml,
        base_revision: Number(root.dataset.revision),
        comment: saveComment.value.trim(),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok && body.redirect) {
        // A published version stays as it is: the save became a new draft, opened now.
        savedAt = savingAt;
        window.location.assign(body.redirect);
      } else if (response.ok) {
        root.dataset.revision = String(body.revision);
        savedAt = savingAt;
        saveComment.value = "";
        if (isDirty()) setStatus("unsaved", texts.unsaved);
        else setStatus("saved", body.detail || texts.saved);
      } else if (response.status === 409) {
        setStatus("error", body.detail || "");
        offerDownload(xml);
      } else {
        setStatus("error", body.detail || texts.networkError);
      }
    } catch {
      setStatus("error", texts.networkError);
    } finally {
      saving = false;
      saveButton.disabled = false;
      saveButton.removeAttribute("aria-busy");
    }
  }

  // Someone else saved first: the user's own model stays on the canvas and can be downloaded.
  let downloadUrl = "";
  function offerDownload(xml) {
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([xml], { type: "application/xml" }));
    const link = document.createElement("a");
    link.href = downloadUrl;
    link.download = `${root.dataset.filename || "proces"}.bpmn`;
    link.className = "save-status__download";
    link.textContent = texts.download || "";
    saveStatus.append(" ", link);
  }

  saveButton.addEventListener("click", save);
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      save();
    }
  });

  window.addEventListener("beforeunload", (event) => {
    flushPanel();
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = texts.leave || ""; // older browsers show a text, modern ones their own
  });
})();
