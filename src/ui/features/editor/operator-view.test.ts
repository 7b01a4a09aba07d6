// The editor's operator view: Tensor operands type as Tensor (hover, no squiggle), numbers and strings as before.
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generateApiDts } from "../../../../vite/api-dts-plugin";
import { GRADBOOK_PACKAGE_ROOT } from "./extra-libs";
import { operatorDiagnostic, operatorMessage, operatorView } from "./operator-view";
import { CELL_COMPILER_OPTIONS, IGNORED_DIAGNOSTIC_CODES } from "./ts-options";

const CELL = "/notebook/c1.ts";
let dts: Record<string, string>;

beforeAll(() => {
  dts = generateApiDts(`${__dirname}/../../../..`).files;
}, 120_000);

/** A language service over the cell's operator view, as the editor's TypeScript worker builds it. */
function service(source: string) {
  const view = operatorView(ts, source);
  const files = new Map<string, string>([[CELL, view.text]]);
  for (const [rel, text] of Object.entries(dts)) files.set(GRADBOOK_PACKAGE_ROOT.replace("file://", "") + rel, text);
  const options: ts.CompilerOptions = {
    ...(CELL_COMPILER_OPTIONS as unknown as ts.CompilerOptions),
    lib: CELL_COMPILER_OPTIONS.lib.map((l) => `lib.${l}.d.ts`),
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const text = files.get(f) ?? ts.sys.readFile(f) ?? ts.sys.readFile(`${__dirname}/../../../../node_modules/typescript/lib/${f.split("/").pop()}`);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => "/",
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => files.get(f) ?? ts.sys.readFile(f),
    directoryExists: (d) => [...files.keys()].some((f) => f.startsWith(d.replace(/\/?$/, "/"))) || ts.sys.directoryExists(d),
  };
  const ls = ts.createLanguageService(host);
  const ignored = new Set(IGNORED_DIAGNOSTIC_CODES);
  const errors = () =>
    ls.getSemanticDiagnostics(CELL).filter((d) => !ignored.has(d.code)).map((d) => {
      const start = view.fromView(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      const text = operatorDiagnostic(view, d.start ?? 0, message) ?? message;
      return { line: source.slice(0, start).split("\n").length, text };
    });
  const hover = (needle: string) => {
    const at = view.toView(source.lastIndexOf(needle));
    const info = ls.getQuickInfoAtPosition(CELL, at);
    return info ? ts.displayPartsToString(info.displayParts) : "";
  };
  return { view, errors, hover, ls };
}

describe("the editor's operator view", () => {
  it("types x * w + b as Tensor and reports nothing", () => {
    const s = service(
      "const x = torch.randn(4, 2);\nconst w = torch.randn(2, 1, { requiresGrad: true });\nconst b = 0.5;\n" +
        "const y = x.matmul(w) * 2 + b;\nconst p = 1.0 / (1.0 + torch.exp(-y));\nconst hit = (p > 0.5).float();\n" +
        "let lr = 0.1;\ntorch.noGrad(() => { w -= lr * w.grad; });\ny.sum().backward();\n",
    );
    expect(s.errors()).toEqual([]);
    expect(s.hover("y =")).toContain("const y: Tensor");
    expect(s.hover("p =")).toContain("const p: Tensor");
    expect(s.hover("hit")).toContain("const hit: Tensor");
  });

  it("keeps numbers, bigints and strings typed as TypeScript types them", () => {
    const s = service('const n = 3;\nconst a = n * 2 + 1;\nconst big = 2n ** 3n;\nconst s = "k" + n;\nconst c = n < 4;\nconst m = -n % 2;\n');
    expect(s.errors()).toEqual([]);
    expect(s.hover("a =")).toContain("const a: number");
    expect(s.hover("big")).toContain("const big: bigint");
    expect(s.hover("s =")).toContain("const s: string");
    expect(s.hover("c =")).toContain("const c: boolean");
    expect(s.hover("m =")).toContain("const m: number");
  });

  it("still reports a wrong operand, on its line, in operator words", () => {
    const s = service('const ts = torch.ones(2);\nconst bad = ts * "two";');
    expect(s.errors()).toEqual([{ line: 2, text: operatorMessage("*") }]);
  });

  it("maps positions both ways around the inserted calls", () => {
    const src = "const y = a * b + c;";
    const v = operatorView(ts, src);
    expect(v.text).toBe("const y = __op_add(__op_mul(a , b) , c);");
    for (const name of ["a", "b", "c", "y"]) {
      const at = src.indexOf(name === "y" ? "y" : ` ${name}`) + (name === "y" ? 0 : 1);
      expect(v.text[v.toView(at)]).toBe(name);
      expect(v.fromView(v.toView(at))).toBe(at);
    }
    expect(v.fromView(v.text.indexOf("__op_mul"))).toBe(src.indexOf("a"));
    expect(operatorView(ts, "const k = 1 + 2;").text).toBe("const k = 1 + 2;");
  });
});
