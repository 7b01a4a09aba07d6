// Tests for run-info.ts: lr sent only on change (plus the last step), series names, what counts as a hyperparameter.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../protocol";
import { collectHParams, LrTracker, seriesName } from "./run-info";

describe("LrTracker", () => {
  it("sends an unchanged lr again every extendEveryMs, so the chart is a line while the run goes on", () => {
    const sent: MetricPoint[] = [];
    let now = 0;
    const t = new LrTracker((ps) => sent.push(...ps), () => now, 500);
    const opt = { paramGroups: [{ lr: 0.1 }] };
    t.begin();
    for (let i = 0; i < 10; i++) {
      t.onStep(opt);
      now += 200;
    }
    t.end();
    // Steps 1 (t=0), 4 (t=600), 7 (t=1200), 10 (t=1800): a line from its second point, long before the end.
    expect(sent.map((p) => `${p.step}=${p.value}`)).toEqual(["1=0.1", "4=0.1", "7=0.1", "10=0.1"]);
  });
  it("sends stairs: a point when a group's lr changes, and the last step at the end", () => {
    const sent: MetricPoint[] = [];
    const t = new LrTracker((ps) => sent.push(...ps));
    const opt = { paramGroups: [{ lr: 0.1 }, { lr: 0.01 }] };
    class Adam {
      paramGroups = [{ lr: 1e-3 }];
    }
    const other = new Adam();
    t.begin();
    t.onStep(opt);
    t.onStep(opt);
    opt.paramGroups[0].lr = 0.05;
    t.onStep(opt);
    t.onStep(other);
    t.onStep(opt);
    const used = t.end();
    expect(sent.map((p) => `${p.name}@${p.step}=${p.value}`)).toEqual([
      "lr@1=0.1",
      "lr (group 2)@1=0.01",
      "lr@3=0.05",
      "lr (optimizer 2)@1=0.001",
      "lr@4=0.05",
      "lr (group 2)@4=0.01",
    ]);
    expect(used.optimizers).toEqual([
      { name: "Object", lr: 0.1, steps: 4 },
      { name: "Adam", lr: 0.001, steps: 1 },
    ]);
    t.onStep(opt); // between runs: ignored
    expect(sent).toHaveLength(6);
    expect(seriesName(1, 2)).toBe("lr (optimizer 2, group 3)");
  });
});

describe("collectHParams", () => {
  it("keeps optimizer, lr, batch sizes and short scalar variables", () => {
    const vars: Array<[string, unknown]> = [
      ["epochs", 3],
      ["activation", "relu"],
      ["useBias", true],
      ["model", {}],
      ["notes", "x".repeat(100)],
      ["nan", NaN],
    ];
    const hp = collectHParams(vars, { optimizers: [{ name: "SGD", lr: 0.1, steps: 9 }], batchSizes: [["trainLoader", 64]] });
    expect(hp).toEqual({ optimizer: "SGD", lr: 0.1, "trainLoader.batchSize": 64, epochs: 3, activation: "relu", useBias: true });
  });
});
