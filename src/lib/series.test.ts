// Tests for series.ts: TensorBoard-style debiased EMA, min/max decimation, bucket means.
import { describe, expect, it } from "vitest";
import { decimateIndices, emaSmooth, meanDecimate } from "./series";

describe("emaSmooth", () => {
  it("weight 0 is the raw curve; a constant stays constant from the first point (debiased)", () => {
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    for (const v of emaSmooth([5, 5, 5, 5], 0.9)) expect(v).toBeCloseTo(5, 12);
  });

  it("matches TensorBoard's formula", () => {
    const w = 0.6;
    const ys = [1, 0, 1, 0];
    let last = 0;
    const want = ys.map((y, i) => {
      last = last * w + (1 - w) * y;
      return last / (1 - w ** (i + 1));
    });
    const got = emaSmooth(ys, w);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
    expect(got[0]).toBeCloseTo(1, 12);
  });

  it("passes NaN through without poisoning later values", () => {
    const got = emaSmooth([1, NaN, 1], 0.5);
    expect(got[1]).toBeNaN();
    expect(got[2]).toBeCloseTo(1, 12);
  });
});

describe("decimateIndices", () => {
  it("keeps everything when short", () => {
    expect(decimateIndices([1, 2, 3], 400)).toEqual([0, 1, 2]);
  });

  it("keeps at most max points, in order, with first, last and every spike", () => {
    const ys = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    ys[4321] = 100;
    ys[777] = -100;
    const idx = decimateIndices(ys, 400);
    expect(idx.length).toBeLessThanOrEqual(400);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(9999);
    expect(idx).toContain(4321);
    expect(idx).toContain(777);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
});

describe("meanDecimate", () => {
  it("averages buckets, x is each bucket's last", () => {
    expect(meanDecimate([1, 2, 3, 4, 5], [1, 3, 5, 7, 9], 3)).toEqual({ x: [2, 4, 5], y: [2, 6, 9] });
    expect(meanDecimate([1], [2], 3)).toEqual({ x: [1], y: [2] });
  });
});
