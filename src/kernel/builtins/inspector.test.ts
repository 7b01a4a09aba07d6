// Tests for inspector.ts through the real kernel: the `inspect` request lists every user variable, tensor- and model-aware.
import { describe, expect, it } from "vitest";
import type { FromKernel, VarInfo } from "../protocol";
import { testKernel } from "../worker/test-kernel";

async function inspect(k: ReturnType<typeof testKernel>, requestId: string): Promise<VarInfo[]> {
  k.kernel.receive({ type: "inspect", requestId });
  await k.kernel.idle();
  const reply = k.posted.find((m) => m.type === "inspect-reply" && m.requestId === requestId) as Extract<FromKernel, { type: "inspect-reply" }>;
  return reply.vars;
}

describe("variable inspector (kernel side)", () => {
  it("lists tensors, models with sum(p.numel()) parameters, optimizers with lr, and plain values; API names stay out", async () => {
    const k = testKernel();
    expect(await inspect(k, "i0")).toEqual([]);
    const ran = await k.run([
      "class Net extends nn.Module {",
      "  fc1 = new nn.Linear(784, 32);",
      "  fc2 = new nn.Linear(32, 10);",
      "  forward(x: Tensor): Tensor { return this.fc2(this.fc1(x).relu()); }",
      "}",
      "const model = new Net();",
      "const optimizer = new optim.SGD(model.parameters(), { lr: 0.03 });",
      "const x = torch.zeros(64, 784);",
      "const w = torch.ones(3, 2, { requiresGrad: true });",
      "const labels = torch.tensor([1, 2, 3], { dtype: torch.int32 });",
      "const epochs = 3;",
      'const name = "run";',
      "const losses = [0.5, 0.4];",
      "function train() {}",
      "let total = 0;",
      "for (const p of model.parameters()) {\n  total += p.numel();\n}",
    ].join("\n"));
    expect(ran.filter((m) => m.type === "error")).toEqual([]);
    const rows = await inspect(k, "i1");
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(rows.map((r) => r.name)).toEqual(["Net", "epochs", "labels", "losses", "model", "name", "optimizer", "total", "train", "w", "x"]);
    expect(by.model).toEqual({ name: "model", type: "Net", module: true, params: 784 * 32 + 32 + 32 * 10 + 10, bytes: (784 * 32 + 32 + 32 * 10 + 10) * 4 });
    expect(by.model.params).toBe(Number(by.total.summary)); // the learner's own sum(p.numel())
    expect(by.optimizer).toMatchObject({ type: "SGD", lr: 0.03 });
    expect(by.x).toEqual({ name: "x", type: "Tensor", shape: [64, 784], dtype: "float32", bytes: 64 * 784 * 4, requiresGrad: false });
    expect(by.w).toMatchObject({ shape: [3, 2], requiresGrad: true });
    expect(by.labels).toMatchObject({ dtype: "int32", bytes: 12 });
    expect(by.epochs).toMatchObject({ type: "number", summary: "3" });
    expect(by.name).toMatchObject({ type: "string", summary: '"run"' });
    expect(by.losses).toMatchObject({ type: "Array", summary: "length 2" });
    expect(by.train.type).toBe("function");
    expect(by.Net.type).toBe("class");
  });
});
