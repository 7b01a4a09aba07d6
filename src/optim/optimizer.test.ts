// Optimizer base behaviour: validation messages, param groups, closures, stateDict round trips, state lifetime.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryInfo, scope, tensor, type Tensor } from "../core";
import { assertClose } from "../lib/allclose";
import * as optim from "./index";

const f32 = (v: number[] | number[][], grad = true): Tensor => tensor(v, { dtype: "float32", requiresGrad: grad });

let before = 0;
beforeEach(() => {
  before = memoryInfo().numTensors;
});
afterEach(() => expect(memoryInfo().numTensors).toBe(before));

/** A small quadratic with two parameters of different shapes; returns its loss. */
function quadratic(w: Tensor, b: Tensor): Tensor {
  return w.mul(w).sum().add(b.sub(1).pow(2).sum());
}

/** Each step in its own scope, as a DataLoader step would free it. */
function train(opt: optim.Optimizer, w: Tensor, b: Tensor, steps: number): void {
  for (let i = 0; i < steps; i++) {
    scope(() => {
      opt.zeroGrad();
      quadratic(w, b).backward();
      opt.step();
    });
  }
}

describe("hyperparameter validation (PyTorch's messages)", () => {
  const p = () => [f32([1, 2])];
  it.each([
    ["SGD lr", () => new optim.SGD(p(), { lr: -1 }), "Invalid learning rate: -1"],
    ["SGD momentum", () => new optim.SGD(p(), { lr: 0.1, momentum: -0.5 }), "Invalid momentum value: -0.5"],
    ["SGD weight decay", () => new optim.SGD(p(), { lr: 0.1, weightDecay: -1 }), "Invalid weight_decay value: -1"],
    ["SGD nesterov", () => new optim.SGD(p(), { lr: 0.1, nesterov: true }), "Nesterov momentum requires a momentum and zero dampening"],
    ["Adam eps", () => new optim.Adam(p(), { eps: -1 }), "Invalid epsilon value: -1"],
    ["Adam beta0", () => new optim.Adam(p(), { betas: [1, 0.999] }), "Invalid beta parameter at index 0: 1"],
    ["AdamW beta1", () => new optim.AdamW(p(), { betas: [0.9, -0.1] }), "Invalid beta parameter at index 1: -0.1"],
    ["Adagrad lr_decay", () => new optim.Adagrad(p(), { lrDecay: -1 }), "Invalid lr_decay value: -1"],
    ["Adagrad accumulator", () => new optim.Adagrad(p(), { initialAccumulatorValue: -1 }), "Invalid initial_accumulator_value value: -1"],
    ["Adadelta rho", () => new optim.Adadelta(p(), { rho: 1.5 }), "Invalid rho value: 1.5"],
    ["Adamax lr", () => new optim.Adamax(p(), { lr: -0.1 }), "Invalid learning rate: -0.1"],
    ["RMSprop alpha", () => new optim.RMSprop(p(), { alpha: -1 }), "Invalid alpha value: -1"],
    ["ASGD weight decay", () => new optim.ASGD(p(), { weightDecay: -1 }), "Invalid weight_decay value: -1"],
    ["Rprop etas", () => new optim.Rprop(p(), { etas: [1.5, 1.2] }), "Invalid eta values: 1.5, 1.2"],
    ["SparseAdam lr 0", () => new optim.SparseAdam(p(), { lr: 0 }), "Invalid learning rate: 0"],
    ["LBFGS line search", () => new optim.LBFGS(p(), { lineSearchFn: "backtracking" as "strong_wolfe" }), "only 'strong_wolfe' is supported"],
  ])("%s", (_name, make, message) => scope(() => expect(make).toThrow(message)));

  it("checks every parameter group, not only the defaults", () =>
    scope(() => {
      expect(() => new optim.Adam([{ params: [f32([1])] }, { params: [f32([2])], lr: -1 }])).toThrow("Invalid learning rate: -1");
    }));

  it("names a snake_case option and its camelCase spelling", () =>
    scope(() => {
      const make = () => new optim.SGD(p(), { lr: 0.1, weight_decay: 1e-4 } as unknown as optim.SGDOptions);
      expect(make).toThrow("SGD() got an unexpected keyword argument 'weight_decay'; options use camelCase here: weightDecay");
      expect(() => new optim.Adam(p(), { learningRate: 1 } as never)).toThrow(/unexpected keyword argument 'learningRate'; known options: lr, betas/);
    }));

  it("needs lr for SGD, from the defaults or from every group", () =>
    scope(() => {
      expect(() => new optim.SGD(p())).toThrow(/required optimization parameter lr/);
      const opt = new optim.SGD([{ params: [f32([1])], lr: 0.1 }, { params: [f32([2])], lr: 0.01 }]);
      expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.01]);
    }));

  it("rejects bad parameter lists with PyTorch's words", () =>
    scope(() => {
      const w = f32([1, 2]);
      expect(() => new optim.SGD([], { lr: 0.1 })).toThrow("optimizer got an empty parameter list");
      expect(() => new optim.SGD((() => [w]) as never, { lr: 0.1 })).toThrow(/but got a function \(call it: model.parameters\(\)\)/);
      expect(() => new optim.SGD(w as unknown as Tensor[], { lr: 0.1 })).toThrow(/should be an iterable of Tensors or dicts, but got a single Tensor/);
      expect(() => new optim.SGD([w.mul(2)], { lr: 0.1 })).toThrow("can't optimize a non-leaf Tensor");
      expect(() => new optim.SGD([{ params: [w] }, { params: [w] }], { lr: 0.1 })).toThrow("some parameters appear in more than one parameter group");
      expect(() => new optim.LBFGS([{ params: [w] }, { params: [f32([3])] }])).toThrow("LBFGS doesn't support per-parameter options (parameter groups)");
    }));
});

describe("param groups", () => {
  it("exposes each hyperparameter on the group and on group.options (one value)", () =>
    scope(() => {
      const w = f32([1, 2]);
      const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.9 });
      const g = opt.paramGroups[0];
      expect(g.lr).toBe(0.1);
      g.lr = 0.05;
      expect(g.options.lr).toBe(0.05);
      g.options.momentum = 0.5;
      expect(g.momentum).toBe(0.5);
      expect(opt.defaults.lr).toBe(0.1);
      opt.dispose();
    }));

  it("uses each group's own lr, and addParamGroup fills the defaults", () =>
    scope(() => {
      const [a, b, c] = [f32([1]), f32([1]), f32([1])];
      const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1 });
      opt.addParamGroup({ params: [c], momentum: 0.9 });
      expect(opt.paramGroups[2].lr).toBe(0.1);
      expect(opt.paramGroups[2].momentum).toBe(0.9);
      expect(() => opt.addParamGroup({ params: [a] })).toThrow("some parameters appear in more than one parameter group");
      for (const t of [a, b, c]) t.mul(t).sum().backward(); // grad = 2
      opt.step();
      expect([a.item(), b.item(), c.item()].map((v) => +v.toFixed(5))).toEqual([0.8, 0, 0.8]);
      opt.zeroGrad();
      opt.dispose();
    }));
});

describe("step, zeroGrad and closures", () => {
  it("step(closure) evaluates the closure with grad enabled and returns its loss", () =>
    scope(() => {
      const w = f32([1, 2]);
      const opt = new optim.SGD([w], { lr: 0.25 });
      const loss = opt.step(() => {
        opt.zeroGrad();
        const l = w.mul(w).sum();
        l.backward();
        return l;
      }) as Tensor;
      expect(loss.item()).toBe(5);
      expect(w.tolist()).toEqual([0.5, 1]);
      opt.zeroGrad();
    }));

  it("LBFGS needs a closure and explains how to write one", () =>
    scope(() => {
      const opt = new optim.LBFGS([f32([1, 2])]);
      expect(() => opt.step()).toThrow(/LBFGS.step\(\) missing 1 required positional argument: 'closure'.*opt.zeroGrad\(\)/);
    }));

  it("LBFGS minimizes a quadratic", () =>
    scope(() => {
      const [w, b] = [f32([1, -2]), f32([[0.5, 3]])];
      const opt = new optim.LBFGS([w, b], { lineSearchFn: "strong_wolfe" });
      const closure = () => {
        opt.zeroGrad();
        const l = quadratic(w, b);
        l.backward();
        return l;
      };
      for (let i = 0; i < 3; i++) opt.step(closure);
      expect(quadratic(w, b).item()).toBeLessThan(1e-8);
      opt.zeroGrad();
      opt.dispose();
    }));

  it("zeroGrad({ setToNone: false }) keeps zero-filled gradients", () =>
    scope(() => {
      const w = f32([1, 2]);
      const opt = new optim.Adam([w]);
      w.sum().backward();
      opt.zeroGrad({ setToNone: false });
      expect(w.grad!.tolist()).toEqual([0, 0]);
      opt.zeroGrad();
      expect(w.grad).toBeNull();
    }));

  it("skips parameters without a gradient (their state is not created)", () =>
    scope(() => {
      const [w, unused] = [f32([1, 2]), f32([5])];
      const opt = new optim.Adam([w, unused], { lr: 0.1 });
      w.sum().backward();
      opt.step();
      expect(unused.tolist()).toEqual([5]);
      expect(opt.state.has(unused)).toBe(false);
      expect(opt.state.get(w)!.step).toBe(1);
      opt.zeroGrad();
      opt.dispose();
    }));

  it("SparseAdam updates only entries whose gradient is non-zero (lazy, like PyTorch's sparse gradients)", () =>
    scope(() => {
      const emb = f32([[1, 1], [2, 2], [3, 3]]);
      const opt = new optim.SparseAdam([emb], { lr: 0.1 });
      // Only row 1 is used: rows 0 and 2 get exactly zero gradient.
      emb.mul(tensor([[0, 0], [1, 1], [0, 0]], { dtype: "float32" })).sum().backward();
      opt.step();
      assertClose(emb.tolist(), [[1, 1], [1.9, 1.9], [3, 3]], "embedding");
      assertClose(opt.state.get(emb)!.buffers.expAvg.tolist(), [[0, 0], [0.1, 0.1], [0, 0]], "expAvg");
      opt.zeroGrad();
      opt.dispose();
    }));
});

describe("stateDict / loadStateDict", () => {
  it("uses PyTorch's layout: state keyed by parameter index, groups list param indices", () =>
    scope(() => {
      const [w, b] = [f32([1, 2]), f32([[3]])];
      const opt = new optim.Adam([{ params: [w] }, { params: [b], lr: 0.5 }], { lr: 0.1, amsgrad: true });
      train(opt, w, b, 2);
      const sd = opt.stateDict();
      expect(Object.keys(sd.state)).toEqual(["0", "1"]);
      expect(Object.keys(sd.state[0]).sort()).toEqual(["expAvg", "expAvgSq", "maxExpAvgSq", "step"]);
      expect(sd.state[0].step).toBe(2);
      expect((sd.state[1].expAvg as Tensor).shape).toEqual([1, 1]);
      expect(sd.paramGroups).toEqual([
        { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, params: [0] },
        { lr: 0.5, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, params: [1] },
      ]);
      opt.zeroGrad();
      opt.dispose();
    }));

  it("resuming from a stateDict continues exactly where training stopped", () =>
    scope(() => {
      const make = (v: number[], bv: number[][]) => [f32(v), f32(bv)] as const;
      const [w1, b1] = make([1, -2], [[0.5, 3]]);
      const opt1 = new optim.RMSprop([w1, b1], { lr: 0.05, momentum: 0.9, centered: true });
      train(opt1, w1, b1, 3);
      const saved = opt1.stateDict();
      const [w2, b2] = make(w1.tolist() as number[], b1.tolist() as number[][]);
      const opt2 = new optim.RMSprop([w2, b2], { lr: 999 });
      opt2.loadStateDict(saved);
      expect(opt2.paramGroups[0].lr).toBe(0.05);
      train(opt1, w1, b1, 3);
      train(opt2, w2, b2, 3);
      expect(w2.tolist()).toEqual(w1.tolist());
      expect(b2.tolist()).toEqual(b1.tolist());
      for (const o of [opt1, opt2]) {
        o.zeroGrad();
        o.dispose();
      }
    }));

  it("rejects a stateDict with other groups, with PyTorch's messages", () =>
    scope(() => {
      const [w, b] = [f32([1, 2]), f32([3])];
      const sd = new optim.SGD([w, b], { lr: 0.1 }).stateDict();
      const two = new optim.SGD([{ params: [w] }, { params: [b] }], { lr: 0.1 });
      expect(() => two.loadStateDict(sd)).toThrow("loaded state dict has a different number of parameter groups");
      expect(() => new optim.SGD([w], { lr: 0.1 }).loadStateDict(sd)).toThrow(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      );
    }));
});

describe("state lifetime", () => {
  it("dispose() frees the state; steps keep the tensor count flat", () => {
    const start = memoryInfo().numTensors;
    scope(() => {
      const [w, b] = [f32([1, 2]), f32([3])];
      const opt = new optim.Adam([w, b], { amsgrad: true });
      train(opt, w, b, 1);
      const afterOne = memoryInfo().numTensors;
      train(opt, w, b, 5);
      expect(memoryInfo().numTensors).toBe(afterOne);
      opt.dispose();
      expect(opt.state.size).toBe(0);
      opt.zeroGrad();
    });
    expect(memoryInfo().numTensors).toBe(start);
  });
});
