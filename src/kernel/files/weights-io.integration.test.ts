// Export/Import through the real kernel and engine: formats from a cell, upload + loadWeights, all-or-nothing errors.
import { describe, expect, it } from "vitest";
import { stateDictToSafetensors } from "../../io/export";
import { exportFiles, importFile } from "../../io/weights-files";
import { Module } from "../../nn/module";
import { Optimizer } from "../../optim/optimizer";
import { api } from "../worker/api";
import { streamText, testKernel } from "../worker/test-kernel";

/** A real kernel with the weights formats; `run` fails on a cell error and returns what the cell printed. */
function realKernel() {
  const k = testKernel({ deps: { weights: { exportFiles, importFile }, isOptimizer: (v) => v instanceof Optimizer } });
  const run = async (code: string) => {
    const out = await k.run(code);
    const err = out.find((m) => m.type === "error");
    if (err) throw new Error(`cell failed: ${JSON.stringify(err)}`);
    return streamText(out);
  };
  return { ...k, run };
}

describe("weights export/import in the kernel", () => {
  it("exports each format from a cell, imports an upload into `model`, and loadWeights into another model", async () => {
    const k = realKernel();
    await k.run("manualSeed(0);\nconst model = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU());\nconst optimizer = new optim.Adam(model.parameters());");
    await k.run('exportWeights(model, "net", { format: "pytorch" });\nexportWeights(model, "net", { format: "tfjs" });');
    const names = k.posted.filter((m) => m.type === "download").map((m) => (m as { filename: string }).filename);
    expect(names).toEqual(["net.py", "net.safetensors", "net.json", "net.weights.bin"]);

    k.kernel.receive({ type: "export-weights", requestId: "e1", format: "checkpoint" });
    await k.kernel.idle();
    const ckpt = k.answer("e1").find((m) => m.type === "download") as { buffer: ArrayBuffer; filename: string };
    expect(ckpt.filename).toBe("model.checkpoint.safetensors");
    expect(k.answer("e1").at(-1)).toEqual({ type: "weights-result", requestId: "e1", message: "model.checkpoint.safetensors" });

    const weights = stateDictToSafetensors((k.kernel.vars.model as Module));
    await k.run("noGrad(() => { for (const p of model.parameters()) p.zero_(); });");
    k.kernel.receive({ type: "import-weights", requestId: "i1", filename: "w.safetensors", buffer: weights.slice().buffer });
    await k.kernel.idle();
    expect(k.answer("i1")).toEqual([{ type: "weights-result", requestId: "i1", message: "Loaded 2 tensors from w.safetensors into Sequential." }]);
    expect(await k.run("print(model.parameters()[0].abs().sum().item() > 0)")).toBe("true\n");

    k.kernel.receive({ type: "import-weights", requestId: "i2", filename: "run.ckpt.safetensors", buffer: ckpt.buffer });
    await k.kernel.idle();
    expect(k.answer("i2")[0]).toMatchObject({ message: "Restored checkpoint run.ckpt.safetensors (epoch 0) into Sequential: weights and Adam state, RNG state." });

    const out = await k.run('const other = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU());\nprint(loadWeights(other, "w.safetensors"));\nprint(uploadedFile().length > 0);');
    expect(out).toBe("Loaded 2 tensors from w.safetensors into Sequential.\ntrue\n");
  });

  it("a class defined in a cell (compiled by the kernel) exports a fully translated model.py", async () => {
    const k = realKernel();
    const code = [
      "class Net extends nn.Module {",
      "  conv1 = new nn.Conv2d(1, 4, 3);",
      "  fc = new nn.Linear(4 * 13 * 13, 10);",
      "  forward(x: Tensor): Tensor {",
      "    x = F.maxPool2d(F.relu(this.conv1(x)), 2); // [N, 4, 13, 13]",
      "    return F.logSoftmax(this.fc(x.flatten(1)), 1);",
      "  }",
      "}",
      "const model = new Net();",
      'exportWeights(model, "net", { format: "pytorch" });',
    ].join("\n");
    expect(await k.run(code)).toBe(""); // no note: the forward translated
    const py = k.posted.find((m) => m.type === "download" && m.filename === "net.py") as { buffer: ArrayBuffer };
    const text = new TextDecoder().decode(py.buffer);
    expect(text).toContain("class Net(nn.Module):");
    expect(text).toContain("        x = F.max_pool2d(F.relu(self.conv1(x)), 2)\n        return F.log_softmax(self.fc(x.flatten(1)), 1)\n");
    expect(text).not.toContain("NotImplementedError");
  });

  it("a mismatched or corrupt upload is an error for that request; the model is unchanged", async () => {
    const k = realKernel();
    await k.run("manualSeed(0);\nconst model = new nn.Linear(3, 2);\nconst w0 = model.weight.sum().item();");
    const wrong = stateDictToSafetensors(new (api.nn as { Linear: new (a: number, b: number) => Module }).Linear(4, 2));
    k.kernel.receive({ type: "import-weights", requestId: "i1", filename: "wrong.safetensors", buffer: wrong.slice().buffer });
    k.kernel.receive({ type: "import-weights", requestId: "i2", filename: "junk.safetensors", buffer: new Uint8Array([1, 2, 3]).buffer });
    await k.kernel.idle();
    expect(k.answer("i1")[0]).toMatchObject({
      type: "error",
      ename: "RuntimeError",
      evalue: expect.stringContaining("Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape torch.Size([2, 4])"),
    });
    expect(k.answer("i2")[0]).toMatchObject({ type: "error", ename: "SafetensorsError", evalue: expect.stringContaining("too short") });
    expect(await k.run("print(model.weight.sum().item() === w0)")).toBe("true\n");
  });
});
