// Training loops written exactly as a learner would (no dispose, no tidy): flat memory, and manualSeed reproducibility.
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { manualSeed, memoryInfo, randint, randn } from "../core";
import * as nn from "../nn";
import * as optim from "../optim";
import { DataLoader } from "./dataloader";
import { TensorDataset } from "./dataset";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Live tensors and bytes once JavaScript has collected every unreachable handle and run the finalizers. */
async function liveMemory(): Promise<{ numTensors: number; numBytes: number }> {
  // Finalizers run in later tasks, some rounds after the collection: wait until three readings agree.
  const readings: number[] = [];
  for (let i = 0; i < 30; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 5));
    readings.push(memoryInfo().numTensors);
    if (readings.length >= 3 && readings.slice(-3).every((n) => n === readings[readings.length - 1])) break;
  }
  return memoryInfo();
}

describe("a learner's training loop", () => {
  it("MLP 784-256-128-64-10 over 2 epochs keeps live tensor count and bytes flat after 100 steps", () => {
    manualSeed(0);
    const train = new TensorDataset(randn(16 * 60, 784), randint(0, 10, [16 * 60]));
    const trainLoader = new DataLoader(train, { batchSize: 16, shuffle: true });

    // ---- learner code, as in the notes (no dispose, no tidy, a number read every step) ----
    const model = new nn.Sequential(
      new nn.Linear(784, 256),
      new nn.ReLU(),
      new nn.Linear(256, 128),
      new nn.ReLU(),
      new nn.Linear(128, 64),
      new nn.ReLU(),
      new nn.Linear(64, 10),
    );
    const criterion = new nn.CrossEntropyLoss();
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
    const losses: number[] = [];
    const samples: Array<{ step: number; numTensors: number; numBytes: number }> = [];
    let step = 0;
    for (let epoch = 0; epoch < 2; epoch++) {
      let runningLoss = 0;
      for (const [images, labels] of trainLoader) {
        optimizer.zeroGrad();
        const outputs = model(images);
        const loss = criterion(outputs, labels);
        loss.backward();
        optimizer.step();
        runningLoss += loss.item();
        step += 1;
        // ---- measurement (not learner code) ----
        if (step >= 100 && step % 4 === 0) samples.push({ step, ...memoryInfo() });
      }
      losses.push(runningLoss / trainLoader.length);
    }

    expect(step).toBe(120);
    expect(samples.length).toBe(6);
    const want = samples.map((s) => ({ step: s.step, numTensors: samples[0].numTensors, numBytes: samples[0].numBytes }));
    expect(samples).toEqual(want);
    expect(losses[1]).toBeLessThan(losses[0]); // it did train
  });

  it("memory stays flat across epochs: an epoch's last step is released once it is unreachable", async () => {
    manualSeed(0);
    const loader = new DataLoader(new TensorDataset(randn(40, 20), randint(0, 3, [40])), { batchSize: 8, shuffle: true });
    const model = new nn.Sequential(new nn.Linear(20, 16), new nn.ReLU(), new nn.Linear(16, 3));
    const lossFn = new nn.CrossEntropyLoss();
    const optimizer = new optim.Adam(model.parameters());
    const perEpoch: Array<{ numTensors: number; numBytes: number }> = [];
    for (let epoch = 0; epoch < 5; epoch++) {
      for (const [x, y] of loader) {
        optimizer.zeroGrad();
        const loss = lossFn(model(x), y);
        loss.backward();
        optimizer.step();
      }
      perEpoch.push(await liveMemory());
    }
    expect(new Set(perEpoch.map((m) => `${m.numTensors}/${m.numBytes}`)).size).toBe(1);
  });

  it("manualSeed makes two identical runs give identical loss curves", () => {
    const run = (seed: number): number[] => {
      manualSeed(seed);
      const data = new TensorDataset(randn(96, 20), randint(0, 3, [96]));
      const loader = new DataLoader(data, { batchSize: 16, shuffle: true });
      const model = new nn.Sequential(new nn.Linear(20, 16), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(16, 3));
      const lossFn = new nn.CrossEntropyLoss();
      const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
      const curve: number[] = [];
      for (let epoch = 0; epoch < 2; epoch++) {
        for (const [x, y] of loader) {
          opt.zeroGrad();
          const loss = lossFn(model(x), y);
          loss.backward();
          opt.step();
          curve.push(loss.item());
        }
      }
      opt.dispose();
      return curve;
    };
    const a = run(123);
    expect(a.length).toBe(12);
    expect(run(123)).toEqual(a);
    expect(run(124)).not.toEqual(a);
  });
});
