// Regression: memory stays flat ACROSS epochs in a synchronous loop (each new pass frees the previous pass's last step).
import { describe, expect, it } from "vitest";
import { manualSeed, memoryInfo, randn, randint } from "../core";
import * as nn from "../nn";
import * as optim from "../optim";
import { DataLoader } from "./dataloader";
import { TensorDataset } from "./dataset";

describe("DataLoader across epochs", () => {
  it("keeps the live tensor count flat from epoch to epoch without waiting for GC", () => {
    manualSeed(3);
    const ds = new TensorDataset(randn(96, 8), randint(0, 3, [96]));
    const loader = new DataLoader(ds, { batchSize: 16, shuffle: true });
    const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 3));
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const lossFn = new nn.CrossEntropyLoss();
    const counts: number[] = [];
    let last = 0;
    for (let epoch = 0; epoch < 6; epoch++) {
      for (const [x, y] of loader) {
        opt.zeroGrad();
        const loss = lossFn(model(x), y);
        loss.backward();
        opt.step();
        last = loss.item();
      }
      counts.push(memoryInfo().numTensors);
    }
    expect(Number.isFinite(last)).toBe(true);
    expect(new Set(counts.slice(1)).size).toBe(1);
  });

  it("a tensor kept with .keep() survives the next epoch; an unkept one explains why it is gone", () => {
    const ds = new TensorDataset(randn(8, 2));
    const loader = new DataLoader(ds, { batchSize: 4 });
    let kept = null as unknown as ReturnType<typeof randn>;
    let plain = null as unknown as ReturnType<typeof randn>;
    for (const [x] of loader) {
      kept = x.sum().keep();
      plain = x.sum();
    }
    expect(Number.isFinite(plain.item())).toBe(true); // still usable right after the loop
    for (const _ of loader) void _;
    expect(Number.isFinite(kept.item())).toBe(true);
    expect(() => plain.item()).toThrow(/DataLoader step/);
    kept.dispose();
  });
});
