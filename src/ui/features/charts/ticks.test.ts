// Explicit axis ticks: round steps that cover the data, whole-number x ticks, the accuracy axis within 0–100 %.
import { describe, expect, it } from "vitest";
import { chartAxes, formatTick, integerAxis, keepEqualAxes, niceTicks, percentAxis } from "./ticks";

describe("niceTicks", () => {
  it("covers the range with round steps", () => {
    expect(niceTicks(0.13, 2.31, 5)).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(niceTicks(1, 938, 6).ticks).toEqual([0, 200, 400, 600, 800, 1000]);
  });
  it("pads a flat series and falls back for an empty one", () => {
    const flat = niceTicks(0.03, 0.03);
    expect(flat.domain[0]).toBeLessThan(0.03);
    expect(flat.domain[1]).toBeGreaterThan(0.03);
    expect(niceTicks(0.05, 0.05).ticks.every((t) => String(t).length <= 4)).toBe(true);
    expect(niceTicks(Infinity, -Infinity)).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe("integerAxis", () => {
  it("gives whole-number ticks only, however few epochs (never 1, 1.05, 1.1)", () => {
    expect(integerAxis(1, 1)).toEqual({ domain: [1, 2], ticks: [1, 2] });
    expect(integerAxis(1, 137)).toEqual({ domain: [1, 140], ticks: [20, 40, 60, 80, 100, 120, 140] });
    expect(integerAxis(1, 2).ticks).toEqual([1, 2]);
    expect(integerAxis(1, 3).ticks).toEqual([1, 2, 3]);
    for (const [lo, hi] of [[1, 1], [1, 2], [1, 7], [3, 4], [1, 57], [1, 938], [1, 12_345]]) {
      const { domain, ticks } = integerAxis(lo, hi);
      expect(ticks.length).toBeGreaterThan(0);
      for (const t of ticks) {
        expect(Number.isInteger(t)).toBe(true);
        expect(t).toBeGreaterThanOrEqual(domain[0]);
        expect(t).toBeLessThanOrEqual(domain[1]);
      }
    }
  });
});

describe("percentAxis", () => {
  it("stays within 0-100 and zooms into close values", () => {
    expect(percentAxis(0, 100)).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
    const close = percentAxis(89.2, 92.1);
    expect(close.domain[0]).toBeGreaterThanOrEqual(85);
    expect(close.domain[1]).toBeLessThanOrEqual(95);
    expect(percentAxis(97, 99.9).domain[1]).toBeLessThanOrEqual(100);
  });
});

describe("chartAxes", () => {
  it("ends x at the data and spans each y side over its own lines", () => {
    const rows: Record<string, number>[] = [{ x: 1, loss: 2.3, acc: 91 }, { x: 57, loss: 0.4 }];
    const { x, left, right } = chartAxes(rows, [
      { key: "loss", yAxis: "left" },
      { key: "acc", yAxis: "right" },
    ]);
    expect(x.domain).toEqual([1, 60]);
    expect(x.ticks.every((t) => t >= 1 && t <= 60 && Number.isInteger(t))).toBe(true);
    expect(left!.domain[0]).toBeLessThanOrEqual(0.4);
    expect(left!.domain[1]).toBeGreaterThanOrEqual(2.3);
    expect(left!.domain[1]).toBeLessThan(10); // the loss is not drawn on the 0–100 accuracy scale
    expect(right!.domain[0]).toBeLessThanOrEqual(91);
    expect(right!.domain[1]).toBeLessThanOrEqual(100);
    expect(chartAxes(rows, [{ key: "loss", yAxis: "left" }]).right).toBeUndefined();
  });
  it("keeps an unchanged axis object, so Recharts does not re-register it", () => {
    const lines = [{ key: "loss", yAxis: "left" as const }];
    const a = chartAxes([{ x: 1, loss: 2 }, { x: 31, loss: 1 }], lines);
    const b = keepEqualAxes(a, chartAxes([{ x: 1, loss: 2 }, { x: 34, loss: 1.1 }], lines));
    expect(b).toBe(a);
    const c = keepEqualAxes(a, chartAxes([{ x: 1, loss: 2 }, { x: 95, loss: 1.1 }], lines));
    expect(c.x).not.toBe(a.x);
    expect(c.left).toBe(a.left);
  });
  it("formats ticks", () => {
    expect(formatTick(2500)).toBe("2.5k");
    expect(formatTick(0.30000000000000004)).toBe("0.3");
  });
});
