// The SVG geometry of the training charts: scales, linear and step paths that bridge gaps, the row under the pointer.
import { describe, expect, it } from "vitest";
import { linePath, linePoints, nearestRow, plotFrame, scale } from "./plot-geometry";

const x = scale({ domain: [0, 10], ticks: [] }, 0, 100);
const y = scale({ domain: [0, 1], ticks: [] }, 50, 0);

describe("scale", () => {
  it("maps the domain onto the pixel range, flipped for y", () => {
    expect(x(5)).toBe(50);
    expect(y(0)).toBe(50);
    expect(y(1)).toBe(0);
    expect(scale({ domain: [3, 3], ticks: [] }, 7, 9)(3)).toBe(7);
  });
});

describe("linePath", () => {
  const rows: Record<string, number>[] = [{ x: 0, a: 0, b: 1 }, { x: 5, b: 0.5 }, { x: 10, a: 1, b: NaN }];
  it("joins the rows that have the key, skipping the others", () => {
    expect(linePath(rows, "a", x, y)).toBe("M0,50L100,0");
    expect(linePath(rows, "b", x, y)).toBe("M0,0L50,25");
    expect(linePath(rows, "c", x, y)).toBe("");
  });
  it("holds each value until the next x for a step line", () => {
    expect(linePath(rows, "a", x, y, true)).toBe("M0,50H100V0");
  });
  it("lists the points for dots", () => {
    expect(linePoints(rows, "b", x, y)).toEqual([[0, 0], [50, 25]]);
  });
});

describe("nearestRow", () => {
  it("finds the row nearest to x", () => {
    const rows = [{ x: 1 }, { x: 4 }, { x: 9 }];
    expect(nearestRow(rows, -3)).toBe(0);
    expect(nearestRow(rows, 2.4)).toBe(0);
    expect(nearestRow(rows, 2.6)).toBe(1);
    expect(nearestRow(rows, 7)).toBe(2);
    expect(nearestRow(rows, 50)).toBe(2);
    expect(nearestRow([], 1)).toBe(-1);
  });
});

describe("plotFrame", () => {
  it("leaves room for the axes and never goes negative", () => {
    expect(plotFrame(400, 200)).toEqual({ left: 48, top: 8, width: 336, height: 170 });
    expect(plotFrame(10, 10).width).toBe(1);
  });
});
