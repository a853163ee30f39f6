// A diagram-js module: a shape dropped onto a sequence flow makes room for itself instead of
// landing on top of its neighbours. bpmn-js's DropOnFlowBehavior (priority 1000) splits the
// flow; before that, this interceptor (priority 500 on shape.create, so it sees the flow that
// behaviour found) moves the new shape just past the flow's source and, when the gap to the
// flow's target is too small, pushes everything after the source right (or down, for a
// downward flow) by what is missing: the shape's width (height) plus a gap on either side.
// One command: a single undo takes the shape and the room away together.
"use strict";

(function () {
  const GAP = 50; // px between the new shape and each neighbour, as bpmn-js's auto-place

  function centre(shape) {
    return { x: shape.x + shape.width / 2, y: shape.y + shape.height / 2 };
  }

  // The prebuilt bpmn-js does not export CommandInterceptor; its preExecute is a thin wrapper
  // around an eventBus listener on "commandStack.<command>.preExecute", used here directly.
  function MakeRoomBehavior(eventBus, modeling, spaceTool, elementRegistry) {
    eventBus.on("commandStack.shape.create.preExecute", 500, (event) => {
      const context = event.context;
      const flow = context.targetFlow;
      const shape = context.shape;
      if (!flow || !flow.source || !flow.target || !context.position || shape.waypoints) return;
      const from = centre(flow.source);
      const to = centre(flow.target);
      const horizontal = Math.abs(to.x - from.x) >= Math.abs(to.y - from.y);
      const axis = horizontal ? "x" : "y";
      const size = horizontal ? shape.width : shape.height;
      const sourceEnd = flow.source[axis] + (horizontal ? flow.source.width : flow.source.height);
      const targetStart = flow.target[axis];
      if (targetStart <= sourceEnd) return; // a flow going back or up: leave the user's drop
      const missing = 2 * GAP + size - (targetStart - sourceEnd);
      if (missing > 0) {
        const start = sourceEnd + 1;
        const adjust = spaceTool.calculateAdjustments(elementRegistry.getAll(), axis, missing, start);
        const delta = horizontal ? { x: missing, y: 0 } : { x: 0, y: missing };
        modeling.createSpace(adjust.movingShapes, adjust.resizingShapes, delta, horizontal ? "e" : "s", start);
      }
      // The create tool hands bounds (x, y = top left), other callers a centre point.
      const bounds = context.position.width !== undefined;
      const half = bounds ? size / 2 : 0;
      const lowest = sourceEnd + GAP + size / 2;
      const highest = flow.target[axis] - GAP - size / 2; // the target may have moved
      const wanted = context.position[axis] + half;
      const placed = Math.min(Math.max(wanted, lowest), Math.max(highest, lowest));
      context.position = { ...context.position, [axis]: placed - half };
    });
  }
  MakeRoomBehavior.$inject = ["eventBus", "modeling", "spaceTool", "elementRegistry"];

  window.ProcesbankMakeRoom = {
    __init__: ["makeRoomBehavior"],
    makeRoomBehavior: ["type", MakeRoomBehavior],
  };
})();
