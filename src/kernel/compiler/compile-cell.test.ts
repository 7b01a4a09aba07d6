// Tests for cell compilation and running: a shared scope across cells, imports, results, and error lines.
import { describe, expect, it } from "vitest";
import { compileCell, type CompileFailure } from "./compile-cell";
import { cellSession } from "../worker/cell-session";

class FakeModule {
  constructor(readonly name = "Module") {}
}
class FakeLinear extends FakeModule {
  constructor(
    readonly inF: number,
    readonly outF: number,
  ) {
    super("Linear");
  }
  forward(x: number[]): number[] {
    if (x.length !== this.inF) throw new Error(`Linear(${this.inF} -> ${this.outF}) got input [${x.length}]`);
    return x;
  }
}
function libraryThrows(): never {
  throw new RangeError("from the library");
}

const fakeApi = {
  nn: { Linear: FakeLinear, Module: FakeModule },
  optim: { SGD: class SGD {} },
  tensor: (xs: number[]) => xs,
  libraryThrows,
  wrapped: () => libraryThrows(),
};

/** A kernel-like session: cells run in order in one scope. */
const session = (extra: Record<string, unknown> = {}) => cellSession(extra, fakeApi);

function compileError(code: string): CompileFailure {
  const c = compileCell(code, "x");
  if (c.ok) throw new Error("expected a compile error");
  return c;
}

describe("shared scope across cells", () => {
  it("a const in one cell is visible in the next, and re-running redefines it", async () => {
    const s = session();
    await s.value("const x: number = 2;\nlet y = x * 3;", "a");
    expect(await s.value("x + y;")).toBe(8);
    await s.value("const x: number = 10;\nlet y = x * 3;", "a");
    expect(await s.value("x + y")).toBe(40);
    expect(s.scope.vars.x).toBe(10);
  });

  it("classes defined in one cell are instantiated in the next, extending API classes", async () => {
    const s = session();
    await s.value(
      [
        "class Net extends nn.Module {",
        "  fc = new nn.Linear(2, 1);",
        "  constructor(private readonly k: number) { super(); }",
        "  double(): number { return this.k * 2; }",
        "}",
      ].join("\n"),
    );
    expect(await s.value("const net = new Net(21);\nnet.double()")).toBe(42);
    expect(await s.value("net instanceof nn.Module")).toBe(true);
    await s.value("class Net { double() { return -1 } }"); // re-running/redefining is fine
    expect(await s.value("new Net().double()")).toBe(-1);
  });

  it("top-level functions hoist and are visible to later cells", async () => {
    const s = session();
    expect(await s.value("const r = twice(4);\nfunction twice(n: number): number { return n * 2 }\nr")).toBe(8);
    expect(await s.value("twice(5)")).toBe(10);
  });

  it("supports top-level await", async () => {
    const s = session();
    await s.value("const v = await Promise.resolve(7);");
    expect(await s.value("await new Promise<number>((r) => setTimeout(() => r(v + 1), 1))")).toBe(8);
  });

  it("destructuring binds every name, with defaults, rest and nesting", async () => {
    const s = session();
    await s.value("const { a, b: [c, , d = 4], ...rest } = { a: 1, b: [3, 9], e: 5, f: 6 };\nlet [p, ...q] = [1, 2, 3]");
    expect(await s.value("[a, c, d, rest, p, q]")).toEqual([1, 3, 4, { e: 5, f: 6 }, 1, [2, 3]]);
  });

  it("declarations inside blocks, loops and functions stay local", async () => {
    const s = session();
    await s.value("{ const inner = 1; }\nfor (let i = 0; i < 2; i++) { const j = i; }\nfunction f() { const local = 3; return local }");
    expect("inner" in s.scope.vars || "i" in s.scope.vars || "j" in s.scope.vars || "local" in s.scope.vars).toBe(false);
  });

  it("user names shadow API names, and the API stays reachable by import", async () => {
    const s = session();
    await s.value("const tensor = 5;");
    expect(await s.value("tensor")).toBe(5);
    expect(await s.value('import { tensor as t } from "gradbook";\nt([1, 2])')).toEqual([1, 2]);
  });

  it("let without a value resets on re-run; a bare var keeps its value", async () => {
    const s = session();
    await s.value("let u = 1; var w = 2;");
    await s.value("let u; var w;");
    expect(s.scope.vars.u).toBeUndefined();
    expect(s.scope.vars.w).toBe(2);
  });

  it("TypeScript-only syntax (interfaces, generics, enums, casts) compiles away across cells", async () => {
    const s = session();
    await s.value("interface P { a: number }\nenum Color { Red, Green }\nfunction id<T>(x: T): T { return x }");
    expect(await s.value("const p: P = { a: 1 } as P;\nid<number>(p.a) + Color.Green")).toBe(2);
  });
});

describe("imports", () => {
  it("named, renamed, namespace, default and sub-module imports from gradbook", async () => {
    const s = session();
    await s.value('import { nn, optim as o } from "gradbook";\nimport * as g from "gradbook";\nimport gb from "gradbook";');
    expect(await s.value("[nn === g.nn, o === gb.optim]")).toEqual([true, true]);
    await s.value('import { Linear } from "gradbook/nn";');
    expect(await s.value("new Linear(1, 2).outF")).toBe(2);
  });

  it("a missing export is an ImportError on the import's line", async () => {
    const out = await session().fail('const a = 1;\nimport { Nope } from "gradbook";');
    expect(out.ename).toBe("ImportError");
    expect(out.evalue).toContain('"gradbook" has no export named "Nope"');
    expect(out.line).toBe(2);
  });

  it("any other module is a clear error at compile time, with its line", () => {
    const e = compileError('const a = 1;\n\nimport _ from "lodash";');
    expect(e.ename).toBe("ImportError");
    expect(e.evalue).toContain('Cells can only import from "gradbook"; the whole API is already in scope: torch, nn');
    expect(e.evalue).toContain('"lodash"');
    expect(e.line).toBe(3);
  });
});

describe("results (Out[n])", () => {
  it("shows a final bare expression, even with a semicolon", async () => {
    const s = session();
    expect(await s.value("const k = 3;\nk * 2;")).toBe(6);
    expect(await s.value("[1, 2].map((x) => x + 1)")).toEqual([2, 3]);
  });

  it("shows nothing after an assignment, a declaration or a call returning undefined", async () => {
    const s = session();
    expect(await s.value("let m = 1;")).toBeUndefined();
    expect(await s.value("m = 2")).toBeUndefined();
    expect(await s.value("m += 1;")).toBeUndefined();
    expect(await s.value("(() => {})()")).toBeUndefined();
    expect(s.scope.vars.m).toBe(3);
  });

  it("parenthesised final expressions, comments after them, and empty cells", async () => {
    const s = session();
    expect(await s.value("({ a: 1 })")).toEqual({ a: 1 });
    expect(await s.value("(1 + 2) * 3 // nine")).toBe(9);
    expect(await s.value("(1, 2);\n// the end")).toBe(2);
    expect(await s.value("")).toBeUndefined();
    expect(await s.value("// only a comment")).toBeUndefined();
  });

  it("a final promise is shown as a promise, not silently awaited", async () => {
    const out = await session().run("Promise.resolve(1)");
    expect(out.ok && out.value).toBeInstanceOf(Promise);
  });
});

describe("errors", () => {
  it("a TypeScript syntax error reports its cell line and column", () => {
    const e = compileError("const a = 1;\nconst b = 2;\nlet c: number = (3;\n");
    expect(e).toMatchObject({ ename: "SyntaxError", line: 3 });
    expect(e.evalue).toBe("Unexpected token, expected \",\""); // no "(3:19)" suffix, no file name prefix
    expect(e.column).toBeGreaterThan(1);
  });

  it("syntax error columns are 1-based in the TypeScript source", () => {
    expect(compileError("const ok = 1;\nconst bad = ;")).toMatchObject({ line: 2, column: 13 });
  });

  it("a JS-level error (duplicate declaration in one cell) reports its line and TypeScript column", () => {
    const e = compileError("const a = 1;\n\nlet q: number = 1; const q = 2;");
    expect(e).toMatchObject({ ename: "SyntaxError", line: 3, column: "let q: number = 1; const q".length });
    expect(e.evalue).toContain("already been declared");
  });

  it("a runtime error on line 3 is reported as line 3, with the column in the TypeScript source", async () => {
    const out = await session().fail("const a: number = 1;\nconst b: string = 'x';\nconst c: any = null; c.boom;\n");
    expect(out).toMatchObject({ ename: "TypeError", line: 3 });
    expect(out.column).toBe("const c: any = null; c.boom".indexOf("boom") + 1);
    expect(out.traceback[out.traceback.length - 1]).toMatch(/^TypeError: /);
  });

  it("an error from inside the library points at the cell line that called it", async () => {
    const s = session();
    const out = await s.fail("const x = [1, 2, 3];\n\nconst y = wrapped();\nconst z = 1;");
    expect(out).toMatchObject({ ename: "RangeError", evalue: "from the library", line: 3 });
    expect(out.traceback.join("\n")).toContain("in libraryThrows");
    const layer = await s.fail("const layer = new nn.Linear(784, 10);\nconst xs = [1, 2];\nlayer.forward(xs)");
    expect(layer).toMatchObject({ line: 3, column: "layer.forward".indexOf("forward") + 1 }); // V8 points at the method
    expect(layer.traceback.join("\n")).toContain("in FakeLinear.forward");
  });

  it("an error inside a function from an earlier cell points at this cell's call, tracebacks list both", async () => {
    const s = session();
    await s.value("function train(): void {\n  libraryThrows();\n}", "defs");
    const out = await s.fail("const before = 1;\ntrain();", "caller");
    expect(out.line).toBe(2);
    const tb = out.traceback.join("\n");
    expect(out.traceback).toContain("  Cell caller, line 2");
    expect(tb).toContain("Cell defs, line 2, in train");
    expect(tb.indexOf("Cell caller")).toBeLessThan(tb.indexOf("Cell defs"));
  });

  it("errors in later lines stay right after multi-line rewrites above them", async () => {
    const out = await session().fail(
      ['import {', '  nn,', '} from "gradbook";', "const {", "  a,", "} = { a: 1 };", "class K {}", "null!.x;"].join("\n"),
    );
    expect(out.line).toBe(8);
  });

  it("throwing a non-Error value works", async () => {
    const out = await session().fail('const a = 1;\nthrow "plain string";');
    expect(out).toMatchObject({ ename: "Error", evalue: "plain string" });
    expect(out.line).toBeUndefined();
    const obj = await session().fail("throw { code: 42 };");
    expect(obj.evalue).toBe("{ code: 42 }");
  });

  it("exports are rejected with a fix, but `export const` just defines", async () => {
    expect(compileError("export default 1;").evalue).toContain("remove `export`");
    const s = session();
    await s.value("export const ex = 5;");
    expect(s.scope.vars.ex).toBe(5);
  });
});

describe("line preservation", () => {
  it("the compiled code keeps every line where it was", () => {
    const src = [
      'import { nn, optim } from "gradbook";',
      "interface Cfg {",
      "  lr: number;",
      "}",
      "const cfg: Cfg = {",
      "  lr: 0.1,",
      "}, other = 2",
      "let z",
      "class A<T> {",
      "  constructor(public t: T) {}",
      "}",
      "function f<T>(x: T) { return x }",
      "marker()",
    ].join("\n");
    const c = compileCell(src, "lines");
    if (!c.ok) throw new Error(c.evalue);
    const code = c.body.slice(c.body.indexOf("\n") + 1);
    expect(code.split("\n")[12]).toContain("marker()");
    expect(c.declared).toEqual(["nn", "optim", "cfg", "other", "z", "A", "f"]);
  });
});
