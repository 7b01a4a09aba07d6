// Every tutorial notebook is valid nbformat 4.5 and runs top to bottom in the real kernel (small parameters, real MNIST).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { initBackend } from "../core/backend";
import { onBackward } from "../core/hooks";
import { readScalars } from "../core/readback";
import type { Tensor } from "../core/tensor";
import { configureMnist } from "../data/mnist";
import { fileFetch } from "../data/test-mnist-source";
import { stateDictToSafetensors } from "../io/export";
import { parseNotebook, sourceToString } from "../io/ipynb";
import schema from "../io/nbformat.v4.5.schema.json";
import { setInterruptCheck } from "../lib/interrupt";
import { Module } from "../nn/module";
import { api } from "./api";
import { Kernel } from "./kernel";
import type { FromKernel } from "./protocol";

const dir = resolve(__dirname, "../tutorials");
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb"));

/** What must hold at a tutorial's CI size. */
interface Small {
  /** Overrides for the `parameters` cell (papermill-style). */
  params?: string;
  /** The last "Accuracy: n/m (x%)" line reaches this. */
  minAccuracy?: number;
  /** Printed numbers: the first group of the last match of `re` lies within [min, max]. */
  printed?: Array<{ re: RegExp; min?: number; max?: number }>;
  /** false when the notebook trains unrelated models one after another, so its first and last losses are not one curve. */
  lossFalls?: false;
  /** tfjs wasm runs convolutions and big matmuls 5–15× faster than cpu in Node; the default is cpu. */
  backend?: "cpu" | "wasm";
}

const small: Record<string, Small> = {
  "tensors-autograd.ipynb": {
    printed: [
      { re: /autograd +dy\/dx = (\S+)/, min: 7, max: 7 },
      { re: /largest difference from 2·\(input − target\)\/15: (\S+)/, max: 1e-6 },
    ],
  },
  "first-network.ipynb": {
    params: "steps = 60;",
    printed: [
      { re: /MSE: \S+ at the start → (\S+)/, max: 0.05 },
      { re: /Binary accuracy: ([\d.]+)%/, min: 90 },
      { re: /3-class accuracy: ([\d.]+)%/, min: 90 },
    ],
  },
  "loss-functions.ipynb": {
    params: "steps = 150;",
    printed: [
      { re: /CrossEntropyLoss +: ([\d.]+)/, min: 1.418, max: 1.419 },
      { re: /L1 fit +: y = ([\d.-]+)x/, min: 1.8, max: 2.2 },
      { re: /MSE fit +: y = ([\d.-]+)x/, min: 2.5 },
    ],
  },
  "optimizers.ipynb": {
    params: "raceSteps = 10;",
    printed: [
      { re: /w after one step: ([\d.]+)/, min: 0.28, max: 0.28 },
      { re: /with zeroGrad\(\): +([\d.-]+)/, min: 2.9, max: 3 },
      { re: /(\d+) optimizers raced/, min: 10, max: 10 },
    ],
  },
  "perceptron-xor.ipynb": {
    params: "steps = 301; printEvery = 100; gateSteps = 150;",
    printed: [
      { re: /^AND .*→ (\d)\/4/m, min: 4 },
      { re: /^OR .*→ (\d)\/4/m, min: 4 },
      { re: /^NAND .*→ (\d)\/4/m, min: 4 },
      { re: /^XOR .*→ (\d)\/4/m, max: 3 },
      { re: /XOR by two layers: \[0, 1, 1, 0\]/ },
      { re: /Hand-written backprop: (\d)\/4/, min: 4 },
    ],
    lossFalls: false,
  },
  "mnist-softmax.ipynb": {
    params: "epochs = 1; trainLimit = 4800;",
    minAccuracy: 80,
    printed: [
      { re: /raw pixels, epoch 1: test accuracy ([\d.]+)%/, min: 75 },
      { re: /normalised, epoch 1: test accuracy ([\d.]+)%/, min: 80 },
    ],
    backend: "wasm",
  },
  // The MNIST tutorials below run a few dozen steps on subsets: the bars say "it learns", not "it reaches the paper number"
  // (npm run tutorials:full checks those).
  "mnist-mlp.ipynb": {
    params: "epochs = 1; batchSize = 32; learningRate = 0.1; trainLimit = 1920; testLimit = 300; depthTrainLimit = 320;",
    minAccuracy: 60,
    printed: [{ re: /parameters: (\d+) /, min: 242762, max: 242762 }],
    // The notebook trains several models (the depth experiment): first and last loss belong to different models.
    lossFalls: false,
    backend: "wasm",
  },
  "mnist-cnn.ipynb": {
    params: "epochs = 1; trainLimit = 1280; testLimit = 500;",
    minAccuracy: 40,
    printed: [
      { re: /→ feature maps \[1, 4, 28, 28\]/ },
      { re: /after ReLU and 2×2 max pooling: \[1, 4, 14, 14\]/ },
      { re: /parameters: (\d+) /, min: 34622, max: 34622 },
    ],
    backend: "wasm",
  },
  "overfitting.ipynb": {
    params: "epochs = 3; trainLimit = 256; testLimit = 200; hidden = 64;",
    printed: [
      { re: /^plain: train ([\d.]+)%/m, min: 40 },
      { re: /^batch norm: train ([\d.]+)%/m, min: 40 },
      { re: /^SGD: train ([\d.]+)%/m, min: 5 },
    ],
    lossFalls: false,
    backend: "wasm",
  },
  "autoencoder.ipynb": {
    params: "epochs = 1; trainLimit = 1280; testLimit = 500; labelledLimit = 256; classifierEpochs = 3;",
    printed: [
      { re: /Epoch 1: test reconstruction MSE ([\d.]+)/, max: 0.1 },
      { re: /from scratch: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, min: 30 },
      { re: /pre-trained: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, min: 5 },
    ],
    lossFalls: false,
    backend: "wasm",
  },
  "tfidf-text.ipynb": {
    params: "epochs = 15;",
    minAccuracy: 70,
    printed: [{ re: /vocabulary size: (\d+)/, min: 800, max: 1000 }],
    backend: "wasm",
  },
  "q-learning.ipynb": {
    params: "notesEpisodes = 3; episodes = 10; maxSteps = 20; evalEpisodes = 5;",
    printed: [
      { re: /random agent: (\d+) of 1000 episodes reach the goal/, min: 5, max: 40 },
      { re: /Greedy policy success: (\d+)\/5/, min: 0, max: 5 },
      { re: /on slippery ice: (\d+)\/5 successes/, min: 0, max: 5 },
    ],
    lossFalls: false,
    backend: "wasm",
  },
};

function kernel(backend: "cpu" | "wasm" = "cpu") {
  const posted: FromKernel[] = [];
  const k = new Kernel<Tensor>(
    {
      api,
      // In Node, tfjs-backend-wasm finds its .wasm files by itself; the page's base URL does not apply.
      initBackend: (choice) => initBackend(choice),
      configureMnist: (o) => configureMnist({ ...o, fetchImpl: fileFetch }),
      setInterruptCheck,
      isModule: (v) => v instanceof Module,
      stateDictToSafetensors,
      onBackward,
      readScalars,
    },
    (m) => posted.push(m),
  );
  k.receive({ type: "init", backend, mnistBaseUrl: "mem://mnist/", wasmBaseUrl: "mem://" });
  return { k, posted };
}

describe("tutorials", () => {
  it("there is at least the softmax tutorial", () => expect(files).toContain("mnist-softmax.ipynb"));

  for (const file of files) {
    it(`${file} is valid nbformat 4.5`, () => {
      const ajv = new Ajv({ strict: false });
      const { $schema: _drop, ...draft07 } = schema as Record<string, unknown>;
      const validate = ajv.compile(draft07);
      const ok = validate(JSON.parse(readFileSync(resolve(dir, file), "utf8")));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    it(`${file} runs top to bottom`, async () => {
      const nb = parseNotebook(readFileSync(resolve(dir, file), "utf8"), file);
      const { k, posted } = kernel(small[file]?.backend);
      let n = 0;
      for (const cell of nb.cells) {
        if (cell.cell_type !== "code") continue;
        const runs = [sourceToString(cell.source)];
        const tags = (cell.metadata as { tags?: string[] }).tags ?? [];
        if (tags.includes("parameters") && small[file]?.params) runs.push(small[file].params);
        for (const code of runs) {
          const runId = `r${++n}`;
          k.receive({ type: "execute", runId, cellId: cell.id ?? runId, code });
          await k.idle();
          const err = posted.find((m) => m.type === "error" && m.runId === runId);
          expect(err, `cell ${n} failed: ${JSON.stringify(err)}`).toBeUndefined();
        }
      }
      const text = posted.map((m) => (m.type === "stream" ? m.text : "")).join("");
      const acc = [...text.matchAll(/Accuracy: \d+\/\d+ \(([\d.]+)%\)/g)].map((m) => Number(m[1]));
      if (small[file]?.minAccuracy !== undefined) {
        expect(acc.length).toBeGreaterThan(0);
        expect(acc.at(-1)!).toBeGreaterThanOrEqual(small[file].minAccuracy!);
      }
      for (const { re, min, max } of small[file]?.printed ?? []) {
        const hit = [...text.matchAll(new RegExp(re.source, re.flags + "g"))].at(-1);
        expect(hit, `printed ${re}`).toBeDefined();
        if (min !== undefined) expect(Number(hit![1]), `${re}`).toBeGreaterThanOrEqual(min);
        if (max !== undefined) expect(Number(hit![1]), `${re}`).toBeLessThanOrEqual(max);
      }
      const loss = posted.flatMap((m) => (m.type === "metrics" ? m.points.filter((p) => p.name === "loss") : []));
      if (loss.length && small[file]?.lossFalls !== false) expect(loss.at(-1)!.value).toBeLessThan(loss[0].value);
    });
  }
});
