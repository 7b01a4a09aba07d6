// optimizer.state.get(p) holds real Tensors (PyTorch's optimizer.state[p]['exp_avg']), updated in place by each step.
import { describe, expect, it } from "vitest";
import { memoryInfo, scope, Tensor, tensor } from "../core";
import { assertClose } from "../lib/allclose";
import { Adam, LBFGS, SGD } from "./index";

describe("optimizer.state buffers are Tensors", () => {
  it("Adam's moments: the same Tensor objects across steps, matching stateDict, usable as tensors, freed by dispose()", () => {
    const before = memoryInfo().numTensors;
    const w = tensor([1, -2, 3], { requiresGrad: true });
    const opt = new Adam([w], { lr: 0.1 });
    const step = (g: number[]) => scope(() => {
      opt.zeroGrad();
      w.mul(tensor(g)).sum().backward();
      opt.step();
    });
    step([1, 2, 3]);
    const m = opt.state.get(w)!.buffers.expAvg;
    expect(m).toBeInstanceOf(Tensor);
    assertClose(m.tolist(), [0.1, 0.2, 0.3], "expAvg after one step");
    step([1, 1, 1]);
    expect(opt.state.get(w)!.buffers.expAvg).toBe(m);
    assertClose(m.tolist(), [0.19, 0.28, 0.37], "the held Tensor sees the second step");
    scope(() => assertClose(m.norm().item(), Math.hypot(0.19, 0.28, 0.37), "tensor methods work on it"));
    const sd = opt.stateDict();
    assertClose((sd.state[0].expAvg as Tensor).tolist(), m.tolist(), "stateDict agrees");
    // Changing it in place changes the optimizer's state, as in PyTorch.
    scope(() => m.zero_());
    step([1, 1, 1]);
    assertClose(m.tolist(), [0.1, 0.1, 0.1], "the next step starts from the zeroed moment");
    for (const v of Object.values(sd.state[0])) if (v instanceof Tensor) v.dispose();
    opt.zeroGrad();
    opt.dispose();
    expect(m.isAlive).toBe(false);
    w.dispose();
    expect(memoryInfo().numTensors).toBe(before);
  });

  it("SGD's momentum buffer and LBFGS's direction are Tensors too", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const sgd = new SGD([w], { lr: 0.1, momentum: 0.9 });
    scope(() => {
      w.pow(2).sum().backward();
      sgd.step();
    });
    const buf = sgd.state.get(w)!.buffers.momentumBuffer;
    expect(buf).toBeInstanceOf(Tensor);
    assertClose(buf.tolist(), [2, 4], "momentum buffer");
    const lbfgs = new LBFGS([w], { maxIter: 2 });
    lbfgs.step(() => {
      lbfgs.zeroGrad();
      const l = w.pow(2).sum();
      l.backward();
      return l;
    });
    expect(lbfgs.state.get(w)!.buffers.d).toBeInstanceOf(Tensor);
    expect(lbfgs.state.get(w)!.buffers.d.shape).toEqual([2]);
    sgd.dispose();
    lbfgs.dispose();
  });
});
