// Explicit axis ticks: round steps that cover the data, sane for flat and empty series.
import { describe, expect, it } from "vitest";
import type { ChartModel } from "./chart-data";
import { chartAxes, niceTicks } from "./ticks";

describe("niceTicks", () => {
  it("covers the range with round steps", () => {
    expect(niceTicks(0.13, 2.31, 5)).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(niceTicks(1, 938, 6).ticks).toEqual([0, 200, 400, 600, 800, 1000]);
  });
  it("pads a flat series and falls back for an empty one", () => {
    const flat = niceTicks(0.03, 0.03);
    expect(flat.domain[0]).toBeLessThan(0.03);
    expect(flat.domain[1]).toBeGreaterThan(0.03);
    expect(niceTicks(Infinity, -Infinity)).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe("chartAxes", () => {
  it("ends x at the data and spans y over every line", () => {
    const rows: Record<string, number>[] = [{ x: 1, a: 2.3, b: 1.1 }, { x: 57, a: 0.4 }];
    const model: ChartModel = { rows, lines: [], series: [], pointCount: 3 };
    const { x, y } = chartAxes(model);
    expect(x.domain).toEqual([1, 57]);
    expect(x.ticks.every((t) => t >= 1 && t <= 57)).toBe(true);
    expect(y.domain[0]).toBeLessThanOrEqual(0.4);
    expect(y.domain[1]).toBeGreaterThanOrEqual(2.3);
  });
});
