// The training view on the real engine: DataLoader progress, lr per optimizer step, hyperparameters, reads batched.
import { describe, expect, it } from "vitest";
import { readScalars } from "../../core/readback";
import { observeLoops } from "../../data/loop-hooks";
import { onOptimizerStep } from "../../optim/step-hooks";
import type { FromKernel, LoopProgress, MetricPoint } from "../protocol";
import { testKernel } from "../worker/test-kernel";

describe("training view", () => {
  it("reports loops, lr stairs and hyperparameters without a device read per step", async () => {
    let reads = 0;
    const unsubs: Array<() => void> = [];
    try {
      const { run, posted } = testKernel({
        deps: {
          readScalars: (ts) => {
            reads += 1;
            return readScalars(ts);
          },
          onOptimizerStep: (l) => unsubs.push(onOptimizerStep(l)),
          observeLoops: (o) => unsubs.push(observeLoops(o)),
        },
      });
      const code = [
        "manualSeed(0);",
        "const hidden = 4;",
        "const x = torch.randn([40, 3]); const y = x.sum(1, true);",
        "const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 8 });",
        "const model = new nn.Sequential(new nn.Linear(3, hidden), new nn.ReLU(), new nn.Linear(hidden, 1));",
        "const opt = new optim.SGD(model.parameters(), { lr: 0.1 });",
        "const sched = new optim.lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.5 });",
        "for (let epoch = 0; epoch < 3; epoch++) {",
        "  for (const [xb, yb] of loader) { opt.zeroGrad(); const loss = F.mseLoss(model.forward(xb), yb); loss.backward(); opt.step(); }",
        "  sched.step();",
        "}",
        "for (const [xb] of loader) { break; }",
      ].join("\n");
      await run(code);
      const errors = posted.filter((m) => m.type === "error");
      expect(errors).toEqual([]);
      const metrics = posted.filter((m): m is Extract<FromKernel, { type: "metrics" }> => m.type === "metrics");
      const points: MetricPoint[] = metrics.flatMap((m) => m.points);
      const loops = new Map<string, LoopProgress>();
      for (const m of metrics) for (const l of m.loops ?? []) loops.set(l.id, l);
      const loop = [...loops.values()];
      expect(loop).toHaveLength(1);
      expect(loop[0]).toMatchObject({ label: "loader", pass: 4, index: 1, total: 5, samples: 8, state: "interrupted", depth: 0 });
      expect(points.filter((p) => p.name === "loss")).toHaveLength(15);
      // lr: the changes (steps 1, 6, 11) and the last step; an unchanged lr is resent every 500 ms (a slow machine adds some).
      const lr = points.filter((p) => p.name === "lr").map((p) => [p.step, p.value]);
      expect(lr.filter(([, v], i) => i === 0 || v !== lr[i - 1][1])).toEqual([
        [1, 0.1],
        [6, 0.05],
        [11, 0.025],
      ]);
      expect(lr.at(-1)).toEqual([15, 0.025]);
      // The automatic per-epoch curve: each training pass's mean loss; the last pass (no backward) adds none.
      const losses = points.filter((p) => p.name === "loss").map((p) => p.value);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      // (A running pass's mean so far, sent as `partial` when losses are read mid-pass, is replaced by its final one.)
      const epochs = points.filter((p) => p.axis === "epoch" && !p.partial);
      expect(epochs.map((p) => [p.name, p.step])).toEqual([
        ["loss (epoch mean)", 1],
        ["loss (epoch mean)", 2],
        ["loss (epoch mean)", 3],
      ]);
      epochs.forEach((p, i) => expect(p.value).toBeCloseTo(mean(losses.slice(5 * i, 5 * i + 5)), 6));
      const hparams = metrics.find((m) => m.hparams)?.hparams;
      expect(hparams).toMatchObject({ optimizer: "SGD", lr: 0.1, "loader.batchSize": 8, hidden: 4 });
      // 15 losses, read in a few batches (the interval is 100 ms), never one read per step.
      expect(reads).toBeLessThan(15);
    } finally {
      for (const u of unsubs) u();
    }
  });
});
