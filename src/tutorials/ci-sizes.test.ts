// Tests for ci-sizes.ts: the bars catch a run that did not learn (printed numbers, accuracy, each cell's loss chart).
import { describe, expect, it } from "vitest";
import { missedBars, missedCurves, small } from "./ci-sizes";

describe("missedCurves", () => {
  it("flags a cell whose loss did not fall, skips short charts and the cells lossFlat names with a reason", () => {
    const falling = { cellId: "a", values: [2.3, 2.2, 2.0, 1.5, 1.2, 1.0, 0.9, 0.8] };
    const flat = { cellId: "b", values: [0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69] };
    const rising = { cellId: "c", values: [1, 2, 3, 4] };
    expect(missedCurves("none.ipynb", [falling, { cellId: "s", values: [3, 4, 5] }])).toEqual([]);
    expect(missedCurves("none.ipynb", [falling, flat, rising])).toEqual([
      "cell b: loss did not fall (first quarter 0.6900, last 0.6900)",
      "cell c: loss did not fall (first quarter 1.000, last 4.000)",
    ]);
    const [file, spec] = Object.entries(small).find(([, s]) => s.lossFlat)!;
    const excused = Object.keys(spec.lossFlat!)[0];
    expect(missedCurves(file, [{ ...rising, cellId: excused }])).toEqual([]);
    for (const reason of Object.values(spec.lossFlat!)) expect(reason.length).toBeGreaterThan(20);
  });
});

describe("the bars", () => {
  it("every accuracy bar is above chance for its task (10 classes: > 10%)", () => {
    for (const [file, spec] of Object.entries(small)) {
      if (spec.minAccuracy !== undefined) expect(spec.minAccuracy, file).toBeGreaterThan(10);
      for (const { re, min } of spec.printed ?? []) if (/accuracy|Accuracy|train/.test(re.source) && /%/.test(re.source) && min !== undefined) expect(min, `${file} ${re}`).toBeGreaterThan(10);
    }
  });

  it("a run that prints chance-level numbers misses them", () => {
    const text = "raw pixels, epoch 1: test accuracy 9.80%\nnormalised, epoch 1: test accuracy 10.10%\nAccuracy: 980/10000 (9.80%)\n";
    expect(missedBars("mnist-softmax.ipynb", text)).toHaveLength(3);
  });
});
