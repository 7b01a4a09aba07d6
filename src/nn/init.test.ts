// nn.init: every initialiser fills in place with the right range/statistics, reproducibly under manualSeed.
import { describe, expect, it } from "vitest";
import { manualSeed, scope, zeros, type Tensor } from "../core";
import * as init from "./init";

const values = (t: Tensor): number[] => t.flatten().tolist() as number[];
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]): number => {
  const m = mean(v);
  return Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
};

describe("nn.init", () => {
  it("constant_, zeros_, ones_ fill in place and return the tensor", () =>
    scope(() => {
      const t = zeros(2, 3);
      expect(init.constant_(t, 2.5)).toBe(t);
      expect(values(t)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
      expect(values(init.ones_(t))).toEqual([1, 1, 1, 1, 1, 1]);
      expect(values(init.zeros_(t))).toEqual([0, 0, 0, 0, 0, 0]);
    }));

  it("uniform_ and normal_ match their distribution and repeat under manualSeed", () =>
    scope(() => {
      manualSeed(1);
      const u = values(init.uniform_(zeros(100, 100), -2, 3));
      expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
      expect(Math.max(...u)).toBeLessThan(3);
      expect(mean(u)).toBeCloseTo(0.5, 1);
      const n = values(init.normal_(zeros(100, 100), 1, 2));
      expect(mean(n)).toBeCloseTo(1, 1);
      expect(std(n)).toBeCloseTo(2, 1);
      manualSeed(1);
      expect(values(init.uniform_(zeros(100, 100), -2, 3))).toEqual(u);
    }));

  it("xavier and kaiming use PyTorch's fans and gains", () =>
    scope(() => {
      const w = zeros(200, 50, 3, 3); // fan_in 450, fan_out 1800
      const xb = Math.sqrt(6 / (450 + 1800));
      const xu = values(init.xavierUniform_(w));
      expect(Math.max(...xu.map(Math.abs))).toBeLessThanOrEqual(xb);
      expect(Math.max(...xu.map(Math.abs))).toBeGreaterThan(0.99 * xb);
      expect(std(values(init.xavierNormal_(w, 2)))).toBeCloseTo(2 * Math.sqrt(2 / 2250), 2);
      const kb = Math.sqrt(2) * Math.sqrt(3 / 450); // a = 0: gain √2
      const ku = values(init.kaimingUniform_(w));
      expect(Math.max(...ku.map(Math.abs))).toBeLessThanOrEqual(kb);
      expect(Math.max(...ku.map(Math.abs))).toBeGreaterThan(0.99 * kb);
      expect(std(values(init.kaimingNormal_(w, { mode: "fan_out", nonlinearity: "relu" })))).toBeCloseTo(Math.sqrt(2 / 1800), 3);
      expect(init.calculateFanInAndFanOut(w)).toEqual([450, 1800]);
      expect(init.calculateGain("leaky_relu")).toBeCloseTo(Math.sqrt(2 / (1 + 0.0001)), 10);
      expect(init.calculateGain("tanh")).toBeCloseTo(5 / 3, 10);
      expect(() => init.calculateFanInAndFanOut(zeros(5))).toThrow("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
    }));
});
