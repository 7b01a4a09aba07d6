// Tests for stack.ts through the real kernel: tracebacks quote each cell's line, map it through that cell's compiled positions, and mark engine frames.
import { describe, expect, it } from "vitest";
import type { FromKernel } from "../protocol";
import { ENGINE_FRAME_LINE } from "./stack";
import { testKernel } from "../worker/test-kernel";

const errorOf = (msgs: FromKernel[]) => msgs.find((m) => m.type === "error") as Extract<FromKernel, { type: "error" }>;

describe("tracebacks", () => {
  it("an error in forward, called from a training loop in another cell, names forward's line in its own cell and quotes it", async () => {
    const k = testKernel();
    const defs = [
      "class Net extends nn.Module {",
      "  fc = new nn.Linear(4, 2);",
      "  forward(x: Tensor): Tensor {",
      "    const h: Tensor = x.view(-1, 3);",
      "    return this.fc(h);",
      "  }",
      "}",
    ].join("\n");
    await k.run(defs, { cellId: "defs" });
    const loop = ["const model = new Net();", "for (let epoch = 0; epoch < 2; epoch++) {", "  const out = model(torch.zeros(2, 4));", "}"].join("\n");
    const err = errorOf(await k.run(loop, { cellId: "loop" }));
    expect(err).toBeDefined();
    const tb = err.traceback;
    expect(tb).toContain("  Cell loop, line 3");
    expect(tb[tb.indexOf("  Cell loop, line 3") + 1]).toBe("    const out = model(torch.zeros(2, 4));");
    const fwd = tb.findIndex((l) => /^ {2}Cell defs, line 4, in Net\.forward$/.test(l));
    expect(fwd, tb.join("\n")).toBeGreaterThan(tb.indexOf("  Cell loop, line 3"));
    expect(tb[fwd + 1]).toBe("    const h: Tensor = x.view(-1, 3);");
    // Engine frames (Linear.forward, callWithHooks, …) are marked so the page can hide them.
    const engine = tb.filter((l) => ENGINE_FRAME_LINE.test(l));
    expect(engine.length).toBeGreaterThan(0);
    expect(tb.filter((l) => /^ {2}Cell /.test(l)).every((l) => !ENGINE_FRAME_LINE.test(l))).toBe(true);
  });

  it("a cell whose splices move columns (loop guard, rewrites) still names the right line", async () => {
    const k = testKernel();
    const err = errorOf(await k.run("let n = 0;\nwhile (n < 3) {\n  n++;\n  if (n === 2) (null as any).boom;\n}", { cellId: "w" }));
    expect(err.traceback).toContain("  Cell w, line 4");
    expect(err.traceback).toContain("    if (n === 2) (null as any).boom;");
  });
});
