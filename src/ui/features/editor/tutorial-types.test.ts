// Every shipped tutorial type-checks with no diagnostic, as the editor checks it: same declarations, options and cell scope.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generateApiDts } from "../../../../vite/api-dts-plugin";
import { cellModelPath, GRADBOOK_PACKAGE_ROOT } from "./extra-libs";
import { CELL_COMPILER_OPTIONS, IGNORED_DIAGNOSTIC_CODES } from "./ts-options";

const root = path.resolve(__dirname, "../../../..");
const tutorialDir = path.join(root, "src/tutorials");
const toPath = (uri: string) => uri.replace(/^file:\/\//, "");

interface Cell { id: string; source: string }

/** The code cells of a notebook, with the ids the editor names their models by. */
function codeCells(file: string): Cell[] {
  const nb = JSON.parse(readFileSync(path.join(tutorialDir, file), "utf8")) as {
    cells: { cell_type: string; id?: string; source: string | string[] }[];
  };
  return nb.cells
    .map((c, i) => ({ type: c.cell_type, id: c.id ?? `cell-${i}`, source: Array.isArray(c.source) ? c.source.join("") : c.source }))
    .filter((c) => c.type === "code")
    .map(({ id, source }) => ({ id, source }));
}

/**
 * Diagnostics the editor would show for a notebook: every cell is a model in one language-service program (eager model
 * sync), beside the generated `gradbook` declarations (extra libs), under the editor's compiler options.
 */
export function notebookDiagnostics(cells: Cell[], dts: Record<string, string>): string[] {
  const files = new Map<string, string>();
  for (const [rel, text] of Object.entries(dts)) files.set(toPath(GRADBOOK_PACKAGE_ROOT + rel), text);
  const cellFiles = cells.map((c) => toPath(cellModelPath(c.id)));
  cells.forEach((c, i) => files.set(cellFiles[i]!, c.source));
  const options: ts.CompilerOptions = {
    ...(CELL_COMPILER_OPTIONS as unknown as ts.CompilerOptions),
    lib: CELL_COMPILER_OPTIONS.lib.map((l) => `lib.${l}.d.ts`),
  };
  const host = ts.createCompilerHost(options);
  const realGet = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    files.has(name) ? ts.createSourceFile(name, files.get(name)!, lang) : realGet(name, lang, ...rest);
  host.fileExists = (name) => files.has(name) || (!name.startsWith("/notebook/") && !name.startsWith("/node_modules/") && ts.sys.fileExists(name));
  host.readFile = (name) => files.get(name) ?? ts.sys.readFile(name);
  host.getCurrentDirectory = () => "/";
  // Module resolution walks folders first: the virtual package's folders exist too.
  host.directoryExists = (dir) => [...files.keys()].some((f) => f.startsWith(dir.replace(/\/?$/, "/"))) || ts.sys.directoryExists(dir);
  host.realpath = (p) => p;
  const roots = [...files.keys()];
  const program = ts.createProgram(roots, options, host);
  const ignored = new Set(IGNORED_DIAGNOSTIC_CODES);
  const out: string[] = [];
  const report = (d: ts.Diagnostic, where: string) => {
    if (ignored.has(d.code) || d.category !== ts.DiagnosticCategory.Error) return;
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    out.push(`${where}:${line} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  };
  for (const d of program.getGlobalDiagnostics()) report(d, "global");
  for (const d of program.getOptionsDiagnostics()) report(d, "options");
  cellFiles.forEach((f, i) => {
    const sf = program.getSourceFile(f)!;
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) report(d, `cell ${cells[i]!.id}`);
  });
  return out;
}

describe("tutorials type-check in the editor", () => {
  const dts = generateApiDts(root).files;
  const notebooks = readdirSync(tutorialDir).filter((f) => f.endsWith(".ipynb"));

  it("finds a false cell as an error (the check can fail)", () => {
    expect(notebookDiagnostics([{ id: "a", source: "const loader: DataLoader = null;\nconst n: number = 'x';\n" }], dts))
      .toEqual([expect.stringMatching(/cell a:2 TS2322/)]);
  });

  it("lets later cells use earlier cells' names, and redeclare them", () => {
    const cells = [{ id: "a", source: "const model = new nn.Linear(2, 1);\n" }, { id: "b", source: "const model = 1;\nprint(model);\n" }];
    expect(notebookDiagnostics(cells, dts)).toEqual([]);
  });

  for (const file of notebooks) {
    it(`${file} has no diagnostic`, () => {
      expect(notebookDiagnostics(codeCells(file), dts)).toEqual([]);
    });
  }
});
