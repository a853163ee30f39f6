// Copies the browser libraries that Procesbank serves itself into procesbank/static/vendor/.
// Most libraries ship a ready browser build; we only pick the files we serve. The bpmn-js
// plugins (minimap, bpmnlint, colour picker, differ) ship only as ES modules that import
// diagram-js utilities, so esbuild bundles them, with the lint rule set, into one script.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "procesbank", "static", "vendor");

const files = {
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  "bpmn-js/dist/bpmn-modeler.production.min.js": "bpmn-js/bpmn-modeler.production.min.js",
  "bpmn-js/dist/bpmn-navigated-viewer.production.min.js":
    "bpmn-js/bpmn-navigated-viewer.production.min.js",
  "bpmn-js/dist/assets": "bpmn-js/assets",
  "bpmn-js/LICENSE": "bpmn-js/LICENSE",
  "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
  "echarts/LICENSE": "echarts/LICENSE",
  "axe-core/axe.min.js": "axe-core/axe.min.js",
  "@dagrejs/dagre/dist/dagre.min.js": "dagre/dagre.min.js",
  // The minified file names its source map; collectstatic (whitenoise's manifest) refuses a
  // JS file whose sourceMappingURL points at nothing, so the map is served beside it.
  "@dagrejs/dagre/dist/dagre.min.js.map": "dagre/dagre.min.js.map",
  "@dagrejs/dagre/dist/dagre.min.js.LEGAL.txt": "dagre/dagre.min.js.LEGAL.txt",
  "@dagrejs/dagre/LICENSE": "dagre/LICENSE",
  "diagram-js-minimap/assets/diagram-js-minimap.css": "bpmn-extras/diagram-js-minimap.css",
  "diagram-js-minimap/LICENSE": "bpmn-extras/LICENSE.diagram-js-minimap",
  "bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css": "bpmn-extras/bpmn-js-bpmnlint.css",
  "bpmn-js-bpmnlint/LICENSE": "bpmn-extras/LICENSE.bpmn-js-bpmnlint",
  "bpmnlint/LICENSE": "bpmn-extras/LICENSE.bpmnlint",
  "bpmn-js-color-picker/colors/color-picker.css": "bpmn-extras/color-picker.css",
  "bpmn-js-color-picker/LICENSE": "bpmn-extras/LICENSE.bpmn-js-color-picker",
  "bpmn-js-differ/LICENSE": "bpmn-extras/LICENSE.bpmn-js-differ",
};

rmSync(target, { recursive: true, force: true });
for (const [source, destination] of Object.entries(files)) {
  const to = join(target, destination);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(join(here, "node_modules", source), to, { recursive: true });
}
await build({
  entryPoints: [join(here, "src", "bpmn-extras.js")],
  outfile: join(target, "bpmn-extras", "bpmn-extras.min.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "eof",
  logLevel: "warning",
});
console.log(`frontend: ${Object.keys(files).length} assets copied to ${target}`);
