// Monaco, bundled for Vite: ESM editor core, TypeScript language service in its own worker, our API's types as extra libs.
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import * as tsLang from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import { files as apiDts } from "virtual:gradbook-dts";
import { gradbookExtraLibs } from "./extra-libs";

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker();
  },
};

// Monaco's ScriptTarget enum stops at ES2020; the language service takes TypeScript's value for ES2022.
const ES2022 = 9 as tsLang.ScriptTarget;

tsLang.typescriptDefaults.setCompilerOptions({
  target: ES2022,
  module: tsLang.ModuleKind.ESNext,
  moduleResolution: tsLang.ModuleResolutionKind.NodeJs,
  // Cells run in the kernel's Web Worker: no DOM.
  lib: ["es2022", "webworker"],
  allowNonTsExtensions: true,
  allowJs: true,
  esModuleInterop: true,
  // Learners first: no strict null checks or implicit-any errors in the way of a first model.
  strict: false,
  noImplicitAny: false,
  strictNullChecks: false,
  noEmit: true,
  skipLibCheck: true,
});

tsLang.typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: [
    // Cells share one scope like a notebook kernel: redeclaring `model` in a later cell is normal.
    2451, 2300, 2393,
    // Top-level await in a cell that has no import/export (the kernel allows it everywhere).
    1375, 1378, 1431, 1432,
    // A bare `return` or trailing expression at the top of a cell.
    1108,
  ],
});

tsLang.typescriptDefaults.setExtraLibs(gradbookExtraLibs(apiDts));
// Cross-cell IntelliSense: every cell model is in the program, not only the visible one.
tsLang.typescriptDefaults.setEagerModelSync(true);

// The editors follow the page's light/dark theme (<html data-theme>, set by the theme toggle).
const applyTheme = () => monaco.editor.setTheme(document.documentElement.dataset.theme === "dark" ? "vs-dark" : "vs");
applyTheme();
new MutationObserver(applyTheme).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

export { monaco };
