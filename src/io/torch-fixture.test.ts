// PyTorch ↔ Gradbook through safetensors: a file torch wrote reproduces torch's outputs; a Gradbook file reads the same in torch.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fromTypedArray, manualSeed, noGrad, randn, scope, tf, type Tensor } from "../core";
import { stateDictToSafetensors } from "./export";
import { loadSafetensorsInto } from "./import";
import { generateModelPy } from "./model-py";
import { readSafetensors } from "./safetensors";
import { defineClass } from "./test-classes";

const dir = resolve(__dirname, "__fixtures__");
const fixture = (name: string) => resolve(dir, name);

/** The model scripts/torch_safetensors_fixture.py defines in PyTorch, as a learner would write it in a cell. */
const FixtureNet = defineClass(
  `class FixtureNet extends nn.Module {
    conv = new nn.Conv2d(1, 3, 3, { padding: 1 });
    bn = new nn.BatchNorm2d(3);
    fc = new nn.Linear(48, 5);

    forward(x: Tensor): Tensor {
      x = F.maxPool2d(F.relu(this.bn(this.conv(x))), 2);
      return this.fc(x.view(-1, 48));
    }
  }`,
  "FixtureNet",
);

interface TorchJson {
  keys: string[];
  input: { shape: number[]; values: number[] };
  output: { shape: number[]; values: number[] };
}

describe("safetensors written by PyTorch", () => {
  it("imports into the same model and reproduces PyTorch's eval-mode output to 1e-5", () => {
    const ref = JSON.parse(readFileSync(fixture("torch_net.json"), "utf8")) as TorchJson;
    const model = new FixtureNet();
    const before = tf.memory().numTensors;
    loadSafetensorsInto(model, readFileSync(fixture("torch_net.safetensors")));
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(model.stateDict())).toEqual(ref.keys);
    expect(Array.from(model.stateDict()["bn.num_batches_tracked"].tfData.dataSync())).toEqual([2]);
    model.eval();
    const out = scope(() =>
      noGrad(() => Array.from((model(fromTypedArray(Float32Array.from(ref.input.values), ref.input.shape)) as Tensor).tfData.dataSync())),
    );
    expect(out.length).toBe(ref.output.values.length);
    const worst = Math.max(...out.map((v, i) => Math.abs(v - ref.output.values[i])));
    expect(worst).toBeLessThan(1e-5);
  });
});

describe("safetensors written by Gradbook, read by PyTorch", () => {
  // Regenerate with WRITE_IO_FIXTURES=1, then run /usr/bin/python3 scripts/torch_safetensors_fixture.py.
  it.runIf(process.env.WRITE_IO_FIXTURES)("writes gradbook_net.safetensors and gradbook_net_model.py", () => {
    manualSeed(7);
    const model = new FixtureNet();
    scope(() => model(randn(4, 1, 8, 8))); // a train-mode batch: running stats and num_batches_tracked move
    writeFileSync(fixture("gradbook_net.safetensors"), stateDictToSafetensors(model));
    const py = generateModelPy(model, "torch_net.safetensors", "gradbook_net_model");
    expect(py.untranslated).toEqual([]);
    writeFileSync(fixture("gradbook_net_model.py"), py.source);
  });

  it("PyTorch's reading of the Gradbook file (gradbook_net.torch.json) equals what Gradbook wrote", () => {
    const path = fixture("gradbook_net.torch.json");
    expect(existsSync(path), "run the Python fixture script").toBe(true);
    const torchSide = JSON.parse(readFileSync(path, "utf8")) as {
      metadata: Record<string, string>;
      tensors: Record<string, { dtype: string; shape: number[]; values: number[] }>;
    };
    const ours = readSafetensors(readFileSync(fixture("gradbook_net.safetensors")));
    expect(torchSide.metadata).toEqual({ format: "pt" });
    expect(Object.keys(torchSide.tensors)).toEqual([...ours.tensors.keys()]);
    for (const [name, t] of ours.tensors) {
      const theirs = torchSide.tensors[name];
      expect(theirs.dtype).toBe(t.dtype === "F32" ? "torch.float32" : "torch.int64");
      expect(theirs.shape).toEqual(t.shape);
      const mine = Array.from(t.data as ArrayLike<number | bigint>, Number);
      expect(mine, name).toEqual(theirs.values); // exact: the same float32 bits on both sides
    }
  });

  it("the committed model.py for this model is what generateModelPy makes today", () => {
    const py = generateModelPy(new FixtureNet(), "torch_net.safetensors", "gradbook_net_model");
    expect(readFileSync(fixture("gradbook_net_model.py"), "utf8")).toBe(py.source);
  });
});
