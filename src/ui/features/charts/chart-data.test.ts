// Tests for chart-data.ts: rows merged by step, axes kept apart, long curves thinned, last values kept.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../../../kernel/protocol";
import { buildChart, thin } from "./chart-data";

const p = (name: string, step: number, value: number, axis: MetricPoint["axis"] = "step"): MetricPoint => ({ name, step, value, axis });

describe("buildChart", () => {
  it("merges series by step and keeps the two axes apart", () => {
    const points = [p("loss", 1, 2.3), p("acc", 1, 0.1), p("loss", 2, 1.5), p("test accuracy", 1, 0.9, "epoch")];
    const step = buildChart(points, "step");
    expect(step.rows).toEqual([{ x: 1, loss: 2.3, acc: 0.1 }, { x: 2, loss: 1.5 }]);
    expect(step.series).toEqual([
      { name: "loss", lastValues: [2.3, 1.5], curve: [2.3, 1.5] },
      { name: "acc", lastValues: [0.1], curve: [0.1] },
    ]);
    expect(step.pointCount).toBe(3);
    expect(buildChart(points, "epoch").series).toEqual([{ name: "test accuracy", lastValues: [0.9], curve: [0.9] }]);
  });

  it("thins long curves to at most maxRows, but keeps the last raw values for tests", () => {
    const points = Array.from({ length: 1000 }, (_, i) => p("loss", i + 1, 1000 - i));
    const chart = buildChart(points, "step", 100, 200);
    expect(chart.rows.length).toBeLessThanOrEqual(100);
    expect(chart.rows[0]).toEqual({ x: 10, loss: (1000 + 991) / 2 });
    expect(chart.rows.at(-1)!.x).toBe(1000);
    expect(chart.series[0].lastValues).toHaveLength(200);
    expect(chart.series[0].lastValues.at(-1)).toBe(1);
    // The curve spans the whole run: it starts near 1000 and ends near 1, so a test can see the loss fall.
    expect(chart.series[0].curve).toHaveLength(200);
    expect(chart.series[0].curve[0]).toBe((1000 + 999 + 998 + 997 + 996) / 5);
    expect(chart.series[0].curve.at(-1)).toBe((5 + 4 + 3 + 2 + 1) / 5);
    expect(chart.pointCount).toBe(1000);
  });

  it("sorts out-of-order steps and skips non-finite ones", () => {
    expect(buildChart([p("l", 3, 1), p("l", 1, 2), p("l", NaN, 3)], "step").rows.map((r) => r.x)).toEqual([1, 3]);
  });
});

describe("thin", () => {
  it("averages each series only over the rows that have it", () => {
    expect(thin([{ x: 1, a: 1 }, { x: 2, a: 3, b: 10 }, { x: 3, a: 5 }], 2)).toEqual([{ x: 2, a: 2, b: 10 }, { x: 3, a: 5 }]);
  });
});
