// bpmn-js plugins that ship only as ES modules, bundled by build.mjs (esbuild) into one script
// that the modeler and the comparison page load after bpmn-js's own browser build. Each is a
// diagram-js module (or, for the differ, a plain function) handed to the prebuilt BpmnJS.
import MinimapModule from "diagram-js-minimap";
import LintModule from "bpmn-js-bpmnlint";
import ColorPickerModule from "bpmn-js-color-picker";
import { diff } from "bpmn-js-differ";
import lintConfig from "./lint-rules.js";

window.ProcesbankBpmn = { MinimapModule, LintModule, ColorPickerModule, diff, lintConfig };
