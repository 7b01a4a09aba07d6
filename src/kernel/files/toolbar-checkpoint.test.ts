// The toolbar's checkpoint (export-weights, format "checkpoint") holds the optimizer state even when the optimizer lives inside a function.
import { describe, expect, it } from "vitest";
import { CHECKPOINT_KEY } from "../../io/checkpoint";
import { readSafetensors } from "../../io/safetensors";
import { exportFiles, importFile } from "../../io/weights-files";
import { Optimizer } from "../../optim/optimizer";
import { onOptimizerStep } from "../../optim/step-hooks";
import { testKernel } from "../worker/test-kernel";

function kernel() {
  return testKernel({ deps: { weights: { exportFiles, importFile }, isOptimizer: (v) => v instanceof Optimizer, onOptimizerStep } });
}

async function toolbarCheckpoint(k: ReturnType<typeof kernel>, id: string) {
  k.kernel.receive({ type: "export-weights", requestId: id, format: "checkpoint" });
  await k.kernel.idle();
  const file = k.answer(id).find((m) => m.type === "download") as { buffer: ArrayBuffer };
  const result = k.answer(id).at(-1) as { message: string };
  return { bytes: new Uint8Array(file.buffer), message: result.message };
}

describe("toolbar checkpoint", () => {
  it("saves the optimizer that trained the model inside fit(), and says so when none has stepped", async () => {
    const k = kernel();
    await k.run("manualSeed(0);\nconst model = new nn.Linear(3, 2);");
    const before = await toolbarCheckpoint(k, "c0");
    expect(before.message).toContain("no optimizer of this model has stepped yet");
    expect(before.message).not.toContain("pass {");

    await k.run([
      "function fit(m: nn.Module): void {",
      "  const opt = new optim.Adam(m.parameters(), { lr: 0.01 });",
      "  for (let i = 0; i < 3; i++) { opt.zeroGrad(); m(torch.ones(4, 3)).sum().backward(); opt.step(); }",
      "}",
      "fit(model);",
    ].join("\n"));
    const after = await toolbarCheckpoint(k, "c1");
    expect(after.message).toBe("model.checkpoint.safetensors");
    const meta = JSON.parse(readSafetensors(after.bytes).metadata[CHECKPOINT_KEY]!) as { optimizer: { className: string; state: object } | null };
    expect(meta.optimizer?.className).toBe("Adam");
    expect(Object.keys(meta.optimizer!.state).length).toBeGreaterThan(0);
  });

  it("ignores an optimizer that trained another model", async () => {
    const k = kernel();
    await k.run([
      "const model = new nn.Linear(3, 2);",
      "(() => { const other = new nn.Linear(3, 1); const o = new optim.SGD(other.parameters(), { lr: 0.1 }); other(torch.ones(1, 3)).sum().backward(); o.step(); })();",
    ].join("\n"));
    expect((await toolbarCheckpoint(k, "c2")).message).toContain("no optimizer of this model has stepped yet");
  });
});
