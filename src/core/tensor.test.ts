// Tensor basics, autograd and lifetime on tfjs cpu.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as torch from "./index";
import { memoryInfo, openArena, closeArena } from "./index";

let before = 0;
beforeEach(() => {
  before = memoryInfo().numTensors;
});
afterEach(() => {
  // Every test frees what it made: scope() releases everything created inside.
  expect(memoryInfo().numTensors).toBe(before);
});

describe("tensor creation and printing", () => {
  it("infers dtype and shape", () =>
    torch.scope(() => {
      const a = torch.tensor([[1, 2], [3, 4]]);
      expect(a.shape).toEqual([2, 2]);
      expect(a.dtype).toBe("int32");
      expect(torch.tensor([0.5, 1]).dtype).toBe("float32");
      expect(torch.tensor([true, false]).dtype).toBe("bool");
      expect(a.tolist()).toEqual([[1, 2], [3, 4]]);
    }));

  it("prints like PyTorch", () =>
    torch.scope(() => {
      const a = torch.tensor([[0.1, 0.2]], { requiresGrad: true });
      expect(a.toString()).toBe("tensor([[0.1000, 0.2000]], requires_grad=True)");
      expect(torch.tensor([1, 2, 3]).toString()).toBe("tensor([1, 2, 3])");
      expect(torch.tensor(3.5).toString()).toBe("tensor(3.5000)");
      const y = a.mul(2).sum();
      expect(y.toString()).toBe("tensor(0.6000, grad_fn=<SumBackward0>)");
    }));

  it("rejects ragged arrays and bad view shapes with PyTorch's words", () =>
    torch.scope(() => {
      expect(() => torch.tensor([[1, 2], [3]])).toThrow(/expected sequence of length 2/);
      expect(() => torch.zeros(10, 10).view(-1, 3)).toThrow("shape '[-1, 3]' is invalid for input of size 100");
      expect(torch.zeros(64, 1, 28, 28).view(-1, 784).shape).toEqual([64, 784]);
    }));
});

describe("autograd", () => {
  it("computes d(sum(x*y + x))/dx", () =>
    torch.scope(() => {
      const x = torch.tensor([1, 2, 3], { requiresGrad: true });
      const y = torch.tensor([4, 5, 6], { dtype: "float32" });
      x.mul(y).add(x).sum().backward();
      expect(x.grad!.tolist()).toEqual([5, 6, 7]);
    }));

  it("accumulates grads across backward calls and through shared subgraphs", () =>
    torch.scope(() => {
      const x = torch.tensor([2.0, 3.0], { requiresGrad: true });
      const h = x.mul(x); // used twice below
      h.add(h).sum().backward();
      expect(x.grad!.tolist()).toEqual([8, 12]);
      x.mul(3).sum().backward();
      expect(x.grad!.tolist()).toEqual([11, 15]);
    }));

  it("reduces broadcast gradients to the input's shape", () =>
    torch.scope(() => {
      const w = torch.ones(3, 4, { requiresGrad: true });
      const b = torch.zeros(4, { requiresGrad: true });
      w.add(b).sum().backward();
      expect(b.grad!.tolist()).toEqual([3, 3, 3, 3]);
    }));

  it("gives PyTorch's errors", () =>
    torch.scope(() => {
      expect(() => torch.ones(2).sum().backward()).toThrow("element 0 of tensors does not require grad and does not have a grad_fn");
      const x = torch.ones(2, { requiresGrad: true });
      expect(() => x.mul(2).backward()).toThrow("grad can be implicitly created only for scalar outputs");
      const y = x.mul(2).sum();
      y.backward();
      expect(() => y.backward()).toThrow(/backward through the graph a second time/);
      expect(() => torch.zeros(64, 784).matmul(torch.zeros(100, 10))).toThrow("mat1 and mat2 shapes cannot be multiplied (64x784 and 100x10)");
    }));

  it("noGrad stops recording and restores the mode", () =>
    torch.scope(() => {
      const x = torch.ones(2, { requiresGrad: true });
      const y = torch.noGrad(() => x.mul(2));
      expect(y.requiresGrad).toBe(false);
      expect(torch.isGradEnabled()).toBe(true);
    }));

  it("max along a dim returns values and indices with a gradient to the argmax", () =>
    torch.scope(() => {
      const x = torch.tensor([[1, 5, 2], [7, 0, 3]], { requiresGrad: true });
      const [values, indices] = x.max(1);
      expect(values.tolist()).toEqual([5, 7]);
      expect(indices.tolist()).toEqual([1, 0]);
      expect(String(torch.tensor([[1, 5], [3, 2]], { dtype: torch.float32 }).max(1))).toBe(
        "torch.return_types.max(\nvalues=tensor([5., 3.]),\nindices=tensor([1, 0]))",
      );
      values.sum().backward();
      expect(x.grad!.tolist()).toEqual([[0, 1, 0], [1, 0, 0]]);
    }));
});

describe("lifetime", () => {
  it("releases tensors made inside an arena and explains the error when touched", () => {
    const arena = openArena();
    const t = torch.ones(3);
    const kept = torch.ones(2).keep();
    closeArena(arena, "end of DataLoader step");
    expect(() => t.item()).toThrow(/released.*DataLoader step.*\.keep\(\)/s);
    expect(kept.tolist()).toEqual([1, 1]);
    kept.dispose();
  });
});
