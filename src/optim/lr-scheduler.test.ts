// Learning-rate schedulers: constructor forms, errors, stateDict; the PyTorch sequences are in optim.suite.ts.
import { describe, expect, it } from "vitest";
import { scope, tensor } from "../core";
import * as optim from "./index";

const { StepLR, ExponentialLR, CosineAnnealingLR } = optim.lrScheduler;
const sgd = (lr = 0.1) => new optim.SGD([tensor([1, 2], { dtype: "float32", requiresGrad: true })], { lr });

describe("lrScheduler", () => {
  it("writes the new lr into paramGroups[i].lr and records initialLr", () =>
    scope(() => {
      const opt = sgd(1);
      const s = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
      expect(opt.paramGroups[0].initialLr).toBe(1);
      const seen = [s.getLastLr()[0]];
      for (let i = 0; i < 5; i++) {
        opt.step();
        s.step();
        seen.push(opt.paramGroups[0].lr);
      }
      expect(seen).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
      expect(s.lastEpoch).toBe(5);
    }));

  it("accepts PyTorch's positional forms", () =>
    scope(() => {
      const a = new StepLR(sgd(), 30, 0.5);
      expect([a.stepSize, a.gamma]).toEqual([30, 0.5]);
      expect(new ExponentialLR(sgd(), 0.9).gamma).toBe(0.9);
      const c = new CosineAnnealingLR(sgd(), 10, 0.001);
      expect([c.TMax, c.etaMin]).toEqual([10, 0.001]);
    }));

  it("says what is wrong with the arguments", () =>
    scope(() => {
      expect(() => new StepLR({} as optim.Optimizer, { stepSize: 1 })).toThrow("Object is not an Optimizer");
      expect(() => new StepLR(sgd(), {} as { stepSize: number })).toThrow(/StepLR: stepSize must be a positive integer, got undefined/);
      expect(() => new ExponentialLR(sgd(), {} as { gamma: number })).toThrow(/ExponentialLR: gamma is required/);
      expect(() => new CosineAnnealingLR(sgd(), { TMax: 0 })).toThrow(/TMax \(T_max\) must be a positive number/);
      expect(() => new StepLR(sgd(), { stepSize: 3, lastEpoch: 4 })).toThrow(
        "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer",
      );
    }));

  it("stateDict / loadStateDict resume the schedule", () =>
    scope(() => {
      const opt1 = sgd(0.1);
      const s1 = new CosineAnnealingLR(opt1, { TMax: 6 });
      for (let i = 0; i < 3; i++) s1.step();
      const saved = s1.stateDict();
      expect(saved).toMatchObject({ TMax: 6, etaMin: 0, lastEpoch: 3, baseLrs: [0.1] });
      const opt2 = sgd(0.1);
      opt2.loadStateDict(opt1.stateDict());
      const s2 = new CosineAnnealingLR(opt2, { TMax: 6 });
      s2.loadStateDict(saved);
      s1.step();
      s2.step();
      expect(s2.getLastLr()).toEqual(s1.getLastLr());
    }));
});
