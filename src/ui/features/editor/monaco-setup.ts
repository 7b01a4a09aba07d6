// Monaco, bundled for Vite: ESM editor core, TypeScript language service in its own worker, our API's types as extra libs.
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/register.all";
// The TypeScript tokenizer itself, not Monaco's lazy registration of it (definitions/typescript/register): a model
// created before its tokenizer has loaded is coloured later, a few lines at a time in idle time, and the page is busy
// while the kernel starts (seconds of plain text). Registered before any editor, the first paint is coloured.
import { conf as tsConf, language as tsMonarch } from "monaco-editor/languages/definitions/typescript/typescript";
import * as tsLang from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
// Monaco's TypeScript worker, extended to type Tensor operators in cells (x * w + b is a Tensor).
import TsWorker from "./ts-operator.worker?worker";
import { files as apiDts } from "virtual:gradbook-dts";
import { gradbookExtraLibs } from "./extra-libs";
import { CELL_COMPILER_OPTIONS, IGNORED_DIAGNOSTIC_CODES } from "./ts-options";

monaco.languages.register({ id: "typescript", extensions: [".ts", ".tsx", ".cts", ".mts"], aliases: ["TypeScript", "ts", "typescript"], mimetypes: ["text/typescript"] });
monaco.languages.setMonarchTokensProvider("typescript", tsMonarch);
monaco.languages.setLanguageConfiguration("typescript", tsConf);

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker();
  },
};

// Shared with the tutorials' type test (tutorial-types.test.ts), so what it checks is what the learner sees.
tsLang.typescriptDefaults.setCompilerOptions({
  ...CELL_COMPILER_OPTIONS,
  lib: [...CELL_COMPILER_OPTIONS.lib],
  target: CELL_COMPILER_OPTIONS.target as tsLang.ScriptTarget,
  module: CELL_COMPILER_OPTIONS.module as tsLang.ModuleKind,
  moduleResolution: CELL_COMPILER_OPTIONS.moduleResolution as tsLang.ModuleResolutionKind,
});

tsLang.typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: [...IGNORED_DIAGNOSTIC_CODES],
});

tsLang.typescriptDefaults.setExtraLibs(gradbookExtraLibs(apiDts));

/**
 * Checks every cell's model again (setting the same extra libs makes Monaco's diagnostics adapter revalidate all
 * models). Monaco checks a model only when it is created or edited, so a cell checked before a cell it depends on
 * existed keeps stale errors; the mount queue calls this once all of a notebook's editors are mounted.
 */
export function recheckAllCells(): void {
  tsLang.typescriptDefaults.setExtraLibs(gradbookExtraLibs(apiDts));
}
// Cross-cell IntelliSense: every cell model is in the program, not only the visible one.
tsLang.typescriptDefaults.setEagerModelSync(true);

// The editors follow the page's light/dark theme (<html data-theme>, set by the theme toggle).
const applyTheme = () => monaco.editor.setTheme(document.documentElement.dataset.theme === "dark" ? "vs-dark" : "vs");
applyTheme();
new MutationObserver(applyTheme).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

export { monaco };
