// Tests for loop guards: every loop kind ticks, lines and error columns stay, and an interrupt ends `while (true) {}`.
import { parse } from "acorn";
import { afterEach, describe, expect, it } from "vitest";
import { setInterruptCheck } from "../../lib/interrupt";
import { compileCell } from "./compile-cell";
import { loopGuardEdits, TICK } from "./loop-guard";
import { applyEdits } from "./position-map";
import { runCell } from "../worker/run-cell";
import { createScope } from "../runtime/scope";

const guard = (js: string) => applyEdits(js, loopGuardEdits(parse(js, { ecmaVersion: "latest", sourceType: "module" })));

afterEach(() => setInterruptCheck(() => false));

describe("loop guards", () => {
  it("ticks at the top of every loop body, nested and in functions, bracing single statements", () => {
    expect(guard("while (true) {}")).toBe(`while (true) {${TICK}}`);
    expect(guard("for (;;) f();")).toBe(`for (;;) {${TICK}f();}`);
    expect(guard("do x++\nwhile (x < 3)")).toBe(`do {${TICK}x++}\nwhile (x < 3)`);
    expect(guard("for (const a of b) for (const k in a) g(k);")).toBe(`for (const a of b) {${TICK}for (const k in a) {${TICK}g(k);}}`);
    expect(guard("const f = () => { while (c) { d(); } };")).toBe(`const f = () => { while (c) {${TICK} d(); } };`);
    expect(guard("if (a) while (b) c(); else d();")).toBe(`if (a) while (b) {${TICK}c();} else d();`);
  });

  it("keeps results, declarations and error lines/columns of guarded cells", async () => {
    const scope = createScope({}, {});
    const run = async (code: string, id: string) => {
      const c = compileCell(code, id);
      if (!c.ok) throw new Error(c.evalue);
      return runCell(c, scope);
    };
    expect(await run("let s = 0;\nfor (let i = 0; i < 4; i++) s += i;\ns", "a")).toMatchObject({ ok: true, value: 6 });
    const out = await run("for (let i = 0; i < 2; i++) { if (i === 1) nope(); }", "b");
    expect(out).toMatchObject({ ok: false, ename: "ReferenceError", line: 1, column: 44 });
  });

  it("an interrupt ends a loop that never awaits or calls the library", async () => {
    const scope = createScope({}, {});
    let ticks = 0;
    setInterruptCheck(() => ++ticks > 1000);
    const c = compileCell("let n = 0;\nwhile (true) { n++; }", "spin");
    if (!c.ok) throw new Error(c.evalue);
    const out = await runCell(c, scope);
    expect(out).toMatchObject({ ok: false, ename: "KeyboardInterrupt", line: 2 });
    expect(scope.vars.n).toBe(1000); // the kernel keeps what the loop did before the interrupt
  });
});
