// Tests for plot.ts: the three call forms, validation errors, gaps for NaN, thinning, and the text fallback.
import { describe, expect, it } from "vitest";
import { CHART_MIME, MAX_POINTS, plotBundle, readPlotArgs } from "./plot";

const tensor1d = (values: number[]) => ({ shape: [values.length], tolist: () => values });

describe("plot", () => {
  it("reads plot(y), plot(x, y, opts) and plot(spec)", () => {
    expect(readPlotArgs([[1, 2]])).toEqual({ y: [1, 2] });
    expect(readPlotArgs([[0, 1], [1, 2], { kind: "scatter" }])).toEqual({ kind: "scatter", x: [0, 1], y: [1, 2] });
    const spec = { series: [{ y: [1] }], title: "t" };
    expect(readPlotArgs([spec])).toBe(spec);
    expect(() => readPlotArgs(["loss"])).toThrow(/plot\(\) takes plot\(y\)/);
    expect(() => readPlotArgs([[1], 5])).toThrow(/options must be an object/);
  });

  it("builds a chart payload with named series, x defaulting to 0, 1, 2, …", () => {
    const b = plotBundle({ y: tensor1d([3, 2, 1]), title: "Loss", xLabel: "epoch" });
    expect(b[CHART_MIME]).toEqual({ kind: "line", title: "Loss", xLabel: "epoch", series: [{ name: "y", x: [0, 1, 2], y: [3, 2, 1] }] });
    expect(b["text/plain"]).toBe('Line plot "Loss": y (3 points, 1…3)');
    const two = plotBundle({ kind: "scatter", series: [{ name: "train", x: [1, 2], y: [0.5, NaN] }, { y: [1] }] });
    expect(two[CHART_MIME]).toMatchObject({
      kind: "scatter",
      series: [
        { name: "train", x: [1, 2], y: [0.5, null] },
        { name: "series 2", x: [0], y: [1] },
      ],
    });
    expect(two["text/plain"]).toBe("Scatter plot: train (2 points, 0.5…0.5); series 2 (1 points, 1…1)");
  });

  it("names the mismatch or the bad value", () => {
    expect(() => plotBundle({ x: [1, 2], y: [1] })).toThrow("plot(): x with 2 values but y with 1; they must be the same length");
    expect(() => plotBundle({ y: [1], kind: "bar" as "line" })).toThrow(/kind must be "line" or "scatter"/);
    expect(() => plotBundle({ y: ["a"] })).toThrow(/plot\(\): y must hold only numbers/);
    expect(() => plotBundle({})).toThrow(/plot\(\) needs data/);
  });

  it("thins very long series but keeps the last point", () => {
    const y = Array.from({ length: MAX_POINTS * 2 + 1 }, (_, i) => i);
    const s = (plotBundle({ y })[CHART_MIME] as { series: { x: number[] }[] }).series[0];
    expect(s.x.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(s.x.at(-1)).toBe(MAX_POINTS * 2);
  });
});
