// Tensor operators in cells: the compiler transform and its run-time dispatch, checked against JavaScript and PyTorch.
import { describe, expect, it } from "vitest";
import { Tensor, tf } from "../../core";
import { assertClose } from "../../lib/allclose";
import { compileCell } from "./compile-cell";
import fixture from "./__fixtures__/operators.json";
import { cellSession } from "../worker/cell-session";

const session = () => cellSession();

const body = (src: string): string => {
  const c = compileCell(src, "x");
  if (!c.ok) throw new Error(c.evalue);
  return c.body;
};

describe("the operator transform", () => {
  it("turns each operator into its call and leaves ===, logic and bitwise alone", () => {
    const b = body("r = [a + b, a - b, a * b, a / b, a % b, a ** b, -a, a < b, a <= b, a > b, a >= b, a == b, a != b]");
    for (const f of ["add", "sub", "mul", "div", "mod", "pow", "neg", "lt", "le", "gt", "ge", "eq", "ne"]) {
      expect(b).toContain(`__op_${f}(`);
    }
    const untouched = body("r = [a === b, a !== b, a && b, a || b, a ?? b, a & b, a | b, a << b, !a, ~a, a instanceof B, 'k' in a]");
    expect(untouched).not.toMatch(/__op_\w+\(/);
  });

  it("keeps lines, and literal-only arithmetic and string concatenation as written", () => {
    expect(body("x = 1 + 2 * (-3) ** 2")).not.toMatch(/__op_\w+\(/);
    expect(body('s = "loss " + l')).not.toMatch(/__op_\w+\(/);
    expect(body("s = `a` + l")).not.toMatch(/__op_\w+\(/);
    expect(body("if (x == null) y = 1")).not.toMatch(/__op_\w+\(/);
    const src = "a = x\n  + y\n  * z\nb = 2";
    expect(body(src).split("\n").length).toBe(body("a\n\n\nb").split("\n").length);
  });

  it("evaluates like JavaScript without tensors: strings, numbers, ===, precedence, short-circuit", async () => {
    const s = session();
    expect(await s.value('["a" + 1, 1 + "a", 7 % -3, -7 % 3, 2 ** 3 ** 2, 1 + 2 * 3 - 4 / 2, "2" * "3", 1 == "1", 1 != "1"]')).toEqual(
      ["a1", "1a", 1, -1, 512, 5, 6, true, false],
    );
    expect(await s.value("let s = 'ab'; s += 'c'; let n = 5; n -= 2; n **= 2; n %= 5; [s, n, -n, null == undefined, 1 === 1]")).toEqual(
      ["abc", 4, -4, true, true],
    );
    expect(await s.value("let calls = 0; const f = () => (calls++, 1); const r = (false && f() + 1) || f() * 2; [r, calls]")).toEqual([2, 1]);
    expect(await s.value("const o = { v: 1, k: [1, 2] }; let i = 0; o.v += 2; o.k[i++] *= 10; [o.v, o.k, i]")).toEqual([3, [10, 2], 1]);
  });

  it("dispatches to tensor ops when either side is a Tensor, numbers broadcasting from both sides", async () => {
    const s = session();
    await s.value("const t = torch.tensor([1, 2, 4]).float()");
    expect(await s.value("(t + 1).tolist()")).toEqual([2, 3, 5]);
    expect(await s.value("(1.0 - t).tolist()")).toEqual([0, -1, -3]);
    expect(await s.value("(2 ** t).tolist()")).toEqual([2, 4, 16]);
    expect(await s.value("(t / 2 * t).tolist()")).toEqual([0.5, 2, 8]);
    expect(await s.value("(-t % 3).tolist()")).toEqual([2, 1, 2]);
    expect(await s.value("(t > 1.5).tolist()")).toEqual([false, true, true]);
    expect(await s.value("(t == torch.tensor([1, 0, 4])).float().tolist()")).toEqual([1, 0, 1]);
    expect(await s.value("(t != 2).tolist()")).toEqual([true, false, true]);
    expect(await s.value("(t + [1, 1, 1]).tolist()")).toEqual([2, 3, 5]);
    expect(await s.value('"x = " + torch.tensor([1])')).toBe("x = tensor([1])");
    expect(await s.value("t === t")).toBe(true);
    expect(await s.value("t == null")).toBe(false);
  });

  it("answers a boolean for a one-element comparison in if/while/?:, and refuses an ambiguous one", async () => {
    const s = session();
    expect(await s.value("let k = torch.tensor(3.0); let steps = 0; while (k > 0) { k = k - 1; steps++; } steps")).toBe(3);
    expect(await s.value("torch.tensor(0.4) < 0.5 ? 'yes' : 'no'")).toBe("yes");
    const out = await s.run("if (torch.tensor([1, 2]) > 0) {}");
    expect(out).toMatchObject({ ok: false, evalue: expect.stringContaining("more than one value is ambiguous") });
  });

  it("compound assignment on a Tensor is in place (leaf under noGrad, const), x = x + 1 is a new tensor", async () => {
    const s = session();
    await s.value("const w = torch.ones(2, { requiresGrad: true }); const g = torch.tensor([0.5, 1])");
    const before = s.scope.vars.w as Tensor;
    await s.value("torch.noGrad(() => { w -= 0.1 * g; })");
    expect(s.scope.vars.w).toBe(before);
    assertClose(before.tolist(), [0.95, 0.9]);
    expect(await s.value("function f(t) { const z = t.clone(); z *= 2; z **= 2; z /= 4; z += 1; z %= 1.5; return z.tolist(); } f(torch.tensor([1, 2]).float())")).toEqual([0.5, 0.5]);
    expect(await s.value("const o = { p: torch.zeros(2) }; const ref = o.p; o.p += 3; o['p'] -= 1; [o.p === ref, o.p.tolist()]")).toEqual([true, [2, 2]]);
    expect(await s.value("let x = torch.zeros(1); const x0 = x; x = x + 1; [x === x0, x0.item(), x.item()]")).toEqual([false, 0, 1]);
    const constNumber = await s.run("{ const n = 1; n += 1; }");
    expect(constNumber).toMatchObject({ ok: false, ename: "TypeError", evalue: "Assignment to constant variable." });
    const leaf = await s.run("w -= 1");
    expect(leaf).toMatchObject({ ok: false, evalue: expect.stringContaining("leaf Variable that requires grad") });
  });

  it("reports errors at the user's line and names the operand types as Python does", async () => {
    const s = session();
    const out = await s.run("const t = torch.ones(2)\n\nconst y = 1 +\n  t * undefinedThing");
    expect(out).toMatchObject({ ok: false, ename: "ReferenceError", line: 4 });
    const bad = await s.run("const q = torch.ones(2)\nlet r = 0\nr = q * undefined");
    expect(bad).toMatchObject({ ok: false, ename: "TypeError", line: 3 });
    if (!bad.ok) expect(bad.evalue).toContain("unsupported operand type(s) for *: 'Tensor' and 'undefined'");
    const shapes = await s.run("const u = torch.ones(2)\n\n  const v = u + torch.ones(3)");
    expect(shapes).toMatchObject({ ok: false, line: 3 });
  });
});

describe("gradients through operator expressions match PyTorch", () => {
  type Case = { expr: string; out: unknown; grad_a: unknown; grad_b: unknown };
  for (const [name, c] of Object.entries(fixture.cases as Record<string, Case>)) {
    it(name, async () => {
      const s = session();
      const before = tf.memory().numTensors;
      const { a, b, y } = fixture.inputs;
      const got = (await s.value(
        `const a = torch.tensor(${JSON.stringify(a)}, { requiresGrad: true });
const b = torch.tensor(${JSON.stringify(b)}, { requiresGrad: true });
const y = torch.tensor(${JSON.stringify(y)});
const out = ${c.expr};
out.sum().backward();
[out.tolist(), a.grad ? a.grad.tolist() : torch.zerosLike(a).tolist(), b.grad ? b.grad.tolist() : torch.zerosLike(b).tolist()]`,
      )) as unknown[];
      assertClose(got[0], c.out, `${name} forward`, { atol: 1e-5, rtol: 1e-4 });
      assertClose(got[1], c.grad_a, `${name} grad a`, { atol: 1e-5, rtol: 1e-4 });
      assertClose(got[2], c.grad_b, `${name} grad b`, { atol: 1e-5, rtol: 1e-4 });
      for (const v of Object.values(s.scope.vars)) if (v instanceof Tensor) v.dispose();
      expect(tf.memory().numTensors - before).toBeLessThan(60); // graph leftovers are collected by GC, not leaked
    });
  }

  it("comparisons", async () => {
    const s = session();
    const { a, b } = fixture.inputs;
    const got = await s.value(
      `const a = torch.tensor(${JSON.stringify(a)}); const b = torch.tensor(${JSON.stringify(b)});
[(a > b).tolist(), (a <= 0.75).tolist(), ((a > 0).float() == (b > 0).float()).float().mean().item()]`,
    );
    const c = fixture.comparisons;
    expect(got).toEqual([c.gt, c.le_scalar, expect.closeTo(c.eq_float, 6)]);
  });
});
