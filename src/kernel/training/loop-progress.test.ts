// Tests for loop-progress.ts: throttled snapshots, passes and nesting, interrupted loops, and the DataLoader hook.
import { describe, expect, it } from "vitest";
import { scope, tensor } from "../../core";
import { DataLoader } from "../../data/dataloader";
import { TensorDataset } from "../../data/dataset";
import { observeLoops } from "../../data/loop-hooks";
import { latestLoops } from "../runtime/metrics";
import { LoopTracker } from "./loop-progress";
import type { LoopProgress } from "../protocol";

function tracker() {
  let now = 0;
  const emitted: LoopProgress[] = [];
  const names = new Map<object, string>();
  const t = new LoopTracker({ emit: (l) => emitted.push(l), nameOf: (o) => names.get(o), now: () => now });
  return { t, emitted, names, tick: (ms: number) => (now += ms) };
}

describe("LoopTracker", () => {
  it("emits start and end, and batches at most every 100 ms", () => {
    const { t, emitted, names, tick } = tracker();
    const loader = {};
    names.set(loader, "trainLoader");
    t.begin();
    const h = t.start({ loader, total: 100, batchSize: 10 })!;
    for (let i = 0; i < 100; i++) {
      tick(5);
      h.step(10);
    }
    h.end(true);
    expect(emitted.length).toBeLessThanOrEqual(2 + 5);
    expect(emitted.at(-1)).toMatchObject({ label: "trainLoader", pass: 1, index: 100, samples: 1000, elapsedMs: 500, state: "done" });
    expect(t.batchSizes()).toEqual([["trainLoader", 10]]);
  });

  it("counts passes per loader, indents nested loops, and marks loops left running as interrupted", () => {
    const { t, emitted } = tracker();
    const outer = {};
    const inner = {};
    t.begin();
    t.start({ loader: inner, total: 1, batchSize: 1 })!.end(true);
    const o = t.start({ loader: outer, total: 2, batchSize: 1 })!;
    o.step(1);
    const i = t.start({ loader: inner, total: 3, batchSize: 1 })!;
    i.step(1);
    t.end();
    const last = latestLoops(emitted);
    expect(last.map((l) => [l.label, l.pass, l.depth, l.state])).toEqual([
      ["DataLoader 1", 2, 1, "interrupted"],
      ["DataLoader 2", 1, 0, "interrupted"],
    ]);
    expect(t.start({ loader: outer, total: 1, batchSize: 1 })).toBeUndefined(); // between runs: silent
  });

  it("hears a real DataLoader: finished passes are done, a break is interrupted", () => {
    const { t, emitted } = tracker();
    const stop = observeLoops((s) => t.start(s));
    try {
      t.begin();
      scope(() => {
        const loader = new DataLoader(new TensorDataset(tensor([1, 2, 3, 4, 5])), { batchSize: 2 });
        for (const _ of loader) void _;
        for (const _ of loader) break;
      });
      t.end();
    } finally {
      stop();
    }
    const states = emitted.filter((l) => l.state !== "running").map((l) => [l.pass, l.index, l.total, l.samples, l.state]);
    expect(states).toEqual([
      [1, 3, 3, 5, "done"],
      [2, 1, 3, 2, "interrupted"],
    ]);
  });
});
