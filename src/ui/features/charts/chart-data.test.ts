// Tests for chart-data.ts and history-view.ts: axes kept apart, smoothing lines, ≤ 400 drawn points, overlays, ticks.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../../../kernel/protocol";
import type { RunRecord } from "../../../notebook/run-history";
import { buildChart, ChartCache, isLr } from "./chart-data";
import { currentRunId, overlayCurves, renameRun, toggleRun } from "./history-view";

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

  it("draws raw (faint) and smoothed lines, and lr apart as stairs", () => {
    const points = [p("loss", 1, 2), p("loss", 2, 1), p("lr", 1, 0.1)];
    const main = buildChart(points, "step", { include: (n) => !isLr(n), smoothing: 0.5 });
    expect(main.lines.map((l) => [l.key, l.kind])).toEqual([
      ["loss", "faint"],
      ["loss (smoothed)", "smoothed"],
    ]);
    expect(main.rows[1]["loss (smoothed)"]).toBeCloseTo((0.5 * 0.5 * 2 + 0.5 * 1) / 0.75, 12);
    const lr = buildChart(points, "step", { include: isLr, stairs: true });
    expect(lr.lines).toEqual([{ key: "lr", label: "lr", color: 0, kind: "step" }]);
    expect(isLr("lr (group 2)")).toBe(true);
    expect(isLr("lrate")).toBe(false);
  });

  it("draws at most 400 points per line but keeps every point counted and the curve's ends", () => {
    const points = Array.from({ length: 10_000 }, (_, i) => p("loss", i + 1, 10_000 - i));
    const chart = buildChart(points, "step", { smoothing: 0.6 });
    for (const line of chart.lines) expect(chart.rows.filter((r) => line.key in r).length).toBeLessThanOrEqual(400);
    expect(chart.rows[0].x).toBe(1);
    expect(chart.rows.at(-1)!.x).toBe(10_000);
    expect(chart.pointCount).toBe(10_000);
    expect(chart.series[0].lastValues).toHaveLength(200);
    expect(chart.series[0].curve[0]).toBeGreaterThan(chart.series[0].curve.at(-1)!);
  });

  it("sorts out-of-order steps and skips non-finite ones", () => {
    expect(buildChart([p("l", 3, 1), p("l", 1, 2), p("l", NaN, 3)], "step").rows.map((r) => r.x)).toEqual([1, 3]);
  });

  it("overlays ticked earlier runs as dashed lines on the matching axis", () => {
    const runs: RunRecord[] = [
      { id: "a", n: 1, startedAt: null, elapsedMs: 1, ok: true, code: "", hparams: {}, ticked: true, curves: [
        { name: "loss", axis: "step", x: [1, 2], y: [3, 2] },
        { name: "acc", axis: "epoch", x: [1], y: [0.5] },
      ] },
      { id: "b", n: 2, startedAt: null, elapsedMs: 1, ok: true, code: "", hparams: {}, curves: [{ name: "loss", axis: "step", x: [1], y: [9] }] },
    ];
    expect(currentRunId(runs, false)).toBe("b");
    expect(currentRunId(runs, true)).toBeUndefined();
    const overlays = overlayCurves(runs, "b", "step");
    expect(overlays).toEqual([{ run: "run 1", runIndex: 0, name: "loss", x: [1, 2], y: [3, 2] }]);
    const chart = buildChart([p("loss", 1, 1)], "step", { overlays });
    expect(chart.lines.at(-1)).toEqual({ key: "run 1: loss", label: "run 1: loss", color: 0, kind: "overlay" });
    expect(chart.rows).toEqual([{ x: 1, loss: 1, "run 1: loss": 3 }, { x: 2, "run 1: loss": 2 }]);
    expect(toggleRun(runs, "a")[0].ticked).toBe(false);
    expect(renameRun(runs, "a", "  Sigmoid ")[0].name).toBe("Sigmoid");
    expect("name" in renameRun(renameRun(runs, "a", "x"), "a", " ")[0]).toBe(false);
  });
});

describe("ChartCache", () => {
  it("keeps a chart's model until its own points grow or its options change", () => {
    const cache = new ChartCache("step", isLr);
    const a = cache.get([p("lr", 1, 0.1), p("loss", 1, 2)], { stairs: true });
    expect(cache.get([p("lr", 1, 0.1), p("loss", 1, 2), p("loss", 2, 1)], { stairs: true })).toBe(a);
    const b = cache.get([p("lr", 1, 0.1), p("loss", 1, 2), p("lr", 5, 0.05)], { stairs: true });
    expect(b).not.toBe(a);
    expect(b.pointCount).toBe(2);
    expect(cache.get([p("lr", 1, 0.1), p("loss", 1, 2), p("lr", 5, 0.05)], { stairs: true, smoothing: 0.5 })).not.toBe(b);
  });
});
