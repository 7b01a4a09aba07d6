// Tests for chart-data.ts and history-view.ts: x axes kept apart, loss/accuracy y-axes, partial epochs, stale series,
// smoothing lines, ≤ 300 drawn points, overlays, integer epoch ticks.
import { describe, expect, it } from "vitest";
import type { MetricPoint } from "../../../kernel/protocol";
import type { RunRecord } from "../../../notebook/run-history";
import { buildChart, ChartCache, isLr, partialKey } from "./chart-data";
import { currentRunId, overlayCurves, renameRun, toggleRun } from "./history-view";

const p = (name: string, step: number, value: number, axis: MetricPoint["axis"] = "step"): MetricPoint => ({ name, step, value, axis });

describe("buildChart", () => {
  it("merges series by step and keeps the two axes apart", () => {
    const points = [p("loss", 1, 2.3), p("acc", 1, 0.1), p("loss", 2, 1.5), p("test accuracy", 1, 0.9, "epoch")];
    const step = buildChart(points, "step");
    expect(step.rows).toEqual([{ x: 1, loss: 2.3, acc: 10 }, { x: 2, loss: 1.5 }]);
    expect(step.series).toEqual([
      { name: "loss", lastValues: [2.3, 1.5], curve: [2.3, 1.5], yAxis: "left", partial: false },
      { name: "acc", lastValues: [0.1], curve: [0.1], yAxis: "right", partial: false },
    ]);
    expect(step.pointCount).toBe(3);
    expect(buildChart(points, "epoch").series).toEqual([{ name: "test accuracy", lastValues: [0.9], curve: [0.9], yAxis: "right", partial: false }]);
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
    expect(lr.lines).toEqual([{ key: "lr", name: "lr", color: 0, kind: "step", yAxis: "left" }]);
    expect(isLr("lr (group 2)")).toBe(true);
    expect(isLr("lrate")).toBe(false);
  });

  it("draws at most 300 points per line but keeps every point counted and the curve's ends", () => {
    const points = Array.from({ length: 10_000 }, (_, i) => p("loss", i + 1, 10_000 - i));
    const chart = buildChart(points, "step", { smoothing: 0.6 });
    for (const line of chart.lines) expect(chart.rows.filter((r) => line.key in r).length).toBeLessThanOrEqual(300);
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
    expect(chart.lines.at(-1)).toEqual({ key: "run 1: loss", name: "loss", run: "run 1", color: 0, kind: "overlay", yAxis: "left" });
    expect(chart.rows).toEqual([{ x: 1, loss: 1, "run 1: loss": 3 }, { x: 2, "run 1: loss": 2 }]);
    expect(toggleRun(runs, "a")[0].ticked).toBe(false);
    expect(renameRun(runs, "a", "  Sigmoid ")[0].name).toBe("Sigmoid");
    expect("name" in renameRun(renameRun(runs, "a", "x"), "a", " ")[0]).toBe(false);
  });
});

describe("the per-epoch chart", () => {
  const e = (name: string, step: number, value: number, extra: Partial<MetricPoint> = {}): MetricPoint => ({ name, step, value, axis: "epoch", ...extra });

  it("puts the loss on the left axis and accuracy in % on the right, each with its own domain", () => {
    const chart = buildChart([e("loss (epoch mean)", 1, 0.31), e("test accuracy", 1, 92.1), e("loss (epoch mean)", 2, 0.22), e("test accuracy", 2, 94.5)], "epoch");
    expect(chart.lines.map((l) => [l.key, l.yAxis])).toEqual([
      ["loss (epoch mean)", "left"],
      ["test accuracy", "right"],
    ]);
    const { left, right } = chart.axes;
    expect(left!.domain[0]).toBeLessThanOrEqual(0.22);
    expect(left!.domain[1]).toBeGreaterThanOrEqual(0.31);
    expect(left!.domain[1]).toBeLessThanOrEqual(1); // the loss is not flattened on a 0–100 scale
    expect(right!.domain[0]).toBeLessThanOrEqual(92.1);
    expect(right!.domain[1]).toBeGreaterThanOrEqual(94.5);
    expect(right!.domain[1]).toBeLessThanOrEqual(100);
    // An accuracy logged as a fraction is drawn in % (the caption keeps the logged value).
    const frac = buildChart([e("val acc", 1, 0.9), e("val acc", 2, 0.95)], "epoch");
    expect(frac.rows.map((r) => r["val acc"])).toEqual([90, 95]);
    expect(frac.series[0].lastValues).toEqual([0.9, 0.95]);
  });

  it("has whole-number epoch ticks from the first epoch on", () => {
    for (const n of [1, 2, 3, 7, 30]) {
      const chart = buildChart(Array.from({ length: n }, (_, i) => e("loss (epoch mean)", i + 1, 1 / (i + 1))), "epoch");
      expect(chart.axes.x.ticks.length).toBeGreaterThan(0);
      expect(chart.axes.x.ticks.every(Number.isInteger)).toBe(true);
    }
  });

  it("marks a partial epoch, and lets the epoch's final mean replace its running one", () => {
    const running = buildChart([e("loss (epoch mean)", 1, 0.5), e("loss (epoch mean)", 2, 0.4, { partial: true })], "epoch");
    expect(running.pointCount).toBe(2);
    expect(running.series[0].partial).toBe(true);
    expect(running.rows[1][partialKey("loss (epoch mean)")]).toBe(1);
    expect(running.rows[0][partialKey("loss (epoch mean)")]).toBeUndefined();
    const done = buildChart(
      [e("loss (epoch mean)", 1, 0.5), e("loss (epoch mean)", 2, 0.45, { partial: true }), e("loss (epoch mean)", 2, 0.4, { partial: true }), e("loss (epoch mean)", 2, 0.38)],
      "epoch",
    );
    expect(done.pointCount).toBe(2);
    expect(done.series[0].lastValues).toEqual([0.5, 0.38]);
    expect(done.series[0].partial).toBe(false);
    expect(done.rows[1]).toEqual({ x: 2, "loss (epoch mean)": 0.38 });
  });

  it("drops a printed accuracy that the run also logs under its own name (no stale series)", () => {
    const points = [e("test accuracy", 1, 89.22, { source: "printed" }), e("test accuracy (raw)", 1, 89.22), e("test accuracy (raw)", 2, 90.1)];
    expect(buildChart(points, "epoch").series.map((s) => s.name)).toEqual(["test accuracy (raw)"]);
    // Alone, the printed accuracy is the per-epoch accuracy curve (PyTorch's MNIST example prints it, logs nothing).
    const printedOnly = [e("test accuracy", 1, 91, { source: "printed" }), e("loss (epoch mean)", 1, 0.3)];
    expect(buildChart(printedOnly, "epoch").series.map((s) => s.name)).toEqual(["test accuracy", "loss (epoch mean)"]);
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
