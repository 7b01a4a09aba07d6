// In-place ops and the autograd rules around them (leaf check, version counters), plus grad-mode helpers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as torch from "./index";

let before = 0;
beforeEach(() => {
  before = torch.memoryInfo().numTensors;
});
afterEach(() => {
  expect(torch.memoryInfo().numTensors).toBe(before);
});

describe("in-place ops", () => {
  it("refuse a leaf that requires grad, but work under noGrad (the SGD update)", () =>
    torch.scope(() => {
      const w = torch.tensor([1, 2, 3], { requiresGrad: true });
      expect(() => w.add_(1)).toThrow("a leaf Variable that requires grad is being used in an in-place operation (add_)");
      w.mul(w).sum().backward();
      torch.noGrad(() => w.sub_(w.grad!.mul(0.1)));
      expect(w.tolist()).toEqual([0.800000011920929, 1.600000023841858, 2.4000000953674316]);
      expect(w.isLeaf && w.requiresGrad).toBe(true);
      w.grad!.zero_();
      expect(w.grad!.tolist()).toEqual([0, 0, 0]);
    }));

  it("return the same tensor and bump its version", () =>
    torch.scope(() => {
      const x = torch.zeros(2, 2);
      const r = x.add_(1).mul_(3).clamp_(0, 2).fill_(5).zero_().copy_(torch.tensor([1, 2]));
      expect(r).toBe(x);
      expect(x.version).toBe(6);
      expect(x.tolist()).toEqual([[1, 2], [1, 2]]);
      expect(x.maskedFill_(x.gt(1), -1).tolist()).toEqual([[1, -1], [1, -1]]);
    }));

  it("keep dtypes the way PyTorch does", () =>
    torch.scope(() => {
      const i = torch.tensor([1, 2, 3]);
      expect(() => i.div_(2)).toThrow("result type Float can't be cast to the desired output type Long");
      expect(() => i.add_(0.5)).toThrow("result type Float can't be cast to the desired output type Long");
      expect(i.add_(2).tolist()).toEqual([3, 4, 5]);
      const f = torch.zeros(3).add_(torch.tensor([1, 2, 3]));
      expect(f.dtype).toBe("float32");
      expect(() => torch.zeros(3).add_(torch.zeros(2, 3))).toThrow("output with shape [3] doesn't match the broadcast shape [2, 3]");
    }));

  it("refuse backward through a value that was changed after an op saved it", () =>
    torch.scope(() => {
      const x = torch.randn(3, { requiresGrad: true });
      const y = x.exp();
      y.add_(1);
      expect(() => y.sum().backward()).toThrow(
        "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.",
      );
      const a = torch.randn(3, { requiresGrad: true });
      const h = a.mul(2);
      const z = h.mul(h);
      h.add_(1);
      expect(() => z.sum().backward()).toThrow("which is an input of MulBackward0, is at version 1; expected version 0");
    }));

  it("allow what PyTorch allows: changing a value no op saved", () =>
    torch.scope(() => {
      const x = torch.tensor([1, 2, 3], { requiresGrad: true });
      const y = x.mul(2);
      y.add_(1).relu_();
      expect(y.gradFn!.name).toBe("ReluBackward0");
      y.sum().backward();
      expect(x.grad!.tolist()).toEqual([2, 2, 2]);
      // add and view only need shapes, so changing their input later is fine.
      const a = torch.tensor([1, 2], { requiresGrad: true });
      const h = a.mul(2);
      const z = h.add(1).view(2, 1);
      h.add_(1);
      z.sum().backward();
      expect(a.grad!.tolist()).toEqual([2, 2]);
    }));

  it("make a no-grad tensor part of the graph when the other operand requires grad", () =>
    torch.scope(() => {
      const w = torch.tensor([1, 2], { requiresGrad: true });
      const acc = torch.zeros(2);
      acc.add_(w.mul(3));
      expect(acc.isLeaf).toBe(false);
      acc.sum().backward();
      expect(w.grad!.tolist()).toEqual([3, 3]);
    }));

  it("normal_/uniform_ follow the seed", () =>
    torch.scope(() => {
      torch.manualSeed(3);
      const a = torch.empty(4).normal_(0, 2).tolist();
      torch.manualSeed(3);
      const b = torch.empty(4).normal_(0, 2).tolist();
      expect(a).toEqual(b);
      const u = torch.empty(100).uniform_(-1, 1);
      expect(u.min().item()).toBeGreaterThanOrEqual(-1);
      expect(u.max().item()).toBeLessThan(1);
    }));
});

describe("lifetime", () => {
  it("a training step with in-place ops, indexing and statistics frees everything it made when the step ends", () => {
    const w = torch.randn(4, 3, { requiresGrad: true });
    const counts: number[] = [];
    for (let step = 0; step < 3; step++) {
      const arena = torch.openArena();
      const h = torch.randn(5, 4).matmul(w);
      h.add_(1).relu_();
      const picked = h.at(torch.tensor([1, 0, 4]), "0:2").sum();
      const loss = picked.add(h.std(0).sum()).add(h.gather(1, torch.zeros([5, 1], { dtype: torch.int64 })).norm());
      loss.backward();
      torch.closeArena(arena, "end of DataLoader step");
      counts.push(torch.memoryInfo().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    w.grad!.dispose();
    w.dispose();
  });
});

describe("autograd helpers", () => {
  it("backward(gradient) for non-scalars, retainGraph, accumulation", () =>
    torch.scope(() => {
      const x = torch.tensor([1, 2], { requiresGrad: true });
      const y = x.mul(x);
      y.backward(torch.tensor([1, 10], { dtype: torch.float32 }), { retainGraph: true });
      expect(x.grad!.tolist()).toEqual([2, 40]);
      y.backward(torch.onesLike(y));
      expect(x.grad!.tolist()).toEqual([4, 44]);
      expect(() => y.backward(torch.ones(3))).toThrow("Mismatch in shape: grad_output[0] has a shape of [3] and output[0] has a shape of [2].");
    }));

  it("retainGrad keeps a non-leaf's grad; detach cuts the graph; requiresGrad_ flips leaves only", () =>
    torch.scope(() => {
      const x = torch.tensor([1, 2], { requiresGrad: true });
      const h = x.mul(3);
      h.retainGrad();
      const d = h.detach();
      expect(d.requiresGrad).toBe(false);
      expect(d.isLeaf).toBe(true);
      h.mul(h).sum().backward();
      expect(h.grad!.tolist()).toEqual([6, 12]);
      expect(() => h.requiresGrad_(false)).toThrow("you can only change requires_grad flags of leaf variables");
      const leaf = torch.ones(2).requiresGrad_();
      expect(leaf.requiresGrad).toBe(true);
    }));

  it("enableGrad inside noGrad records again", () =>
    torch.scope(() => {
      const x = torch.ones(2, { requiresGrad: true });
      const y = torch.noGrad(() => torch.enableGrad(() => x.mul(2)));
      expect(y.gradFn?.name).toBe("MulBackward0");
      expect(torch.isGradEnabled()).toBe(true);
    }));

  it("an error in the middle of backward frees the gradients in flight", () =>
    torch.scope(() => {
      const x = torch.randn(4, { requiresGrad: true });
      const y = x.sigmoid();
      const loss = y.mul(x).sum();
      y.mul_(2);
      expect(() => loss.backward()).toThrow(/modified by an inplace operation/);
    }));
});
