// Factories: dtypes, overloads and options beyond the PyTorch fixture (randomness, typed arrays, *Like).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as torch from "./index";

let before = 0;
beforeEach(() => {
  before = torch.memoryInfo().numTensors;
});
afterEach(() => {
  expect(torch.memoryInfo().numTensors).toBe(before);
});

describe("factories", () => {
  it("pick PyTorch's dtypes", () =>
    torch.scope(() => {
      expect(torch.tensor([]).dtype).toBe("float32");
      expect(torch.full([2], 7).dtype).toBe("int32");
      expect(torch.full([2], 7, { dtype: torch.float32 }).tolist()).toEqual([7, 7]);
      expect(torch.full([2], true).tolist()).toEqual([true, true]);
      expect(torch.zeros([2], { dtype: torch.bool }).tolist()).toEqual([false, false]);
      expect(torch.linspace(0, 10, 3, { dtype: torch.int64 }).tolist()).toEqual([0, 5, 10]);
      expect(torch.arange(3, { dtype: torch.float32 }).tolist()).toEqual([0, 1, 2]);
      expect(torch.arange(3, { dtype: torch.float32 }).dtype).toBe("float32");
      expect(torch.arange(0, 3, 1, { dtype: torch.float32 }).dtype).toBe("float32");
      expect(torch.eye(2, 2, { dtype: torch.int64 }).tolist()).toEqual([[1, 0], [0, 1]]);
    }));

  it("randint takes (high, shape) or (low, high, shape) and follows the seed", () =>
    torch.scope(() => {
      torch.manualSeed(7);
      const a = torch.randint(10, [50]);
      torch.manualSeed(7);
      const b = torch.randint(0, 10, [50]);
      expect(a.tolist()).toEqual(b.tolist());
      expect(a.dtype).toBe("int32");
      expect(a.min().item()).toBeGreaterThanOrEqual(0);
      expect(a.max().item()).toBeLessThan(10);
      const g = new torch.Generator(1);
      expect(torch.rand(3, { generator: g }).shape).toEqual([3]);
    }));

  it("*Like factories copy shape and dtype", () =>
    torch.scope(() => {
      const x = torch.tensor([[1, 2, 3]]);
      expect(torch.zerosLike(x).tolist()).toEqual([[0, 0, 0]]);
      expect(torch.onesLike(x).dtype).toBe("int32");
      expect(torch.fullLike(x, 4).tolist()).toEqual([[4, 4, 4]]);
      expect(torch.randLike(x).shape).toEqual([1, 3]);
      expect(torch.randnLike(x).dtype).toBe("float32");
      expect(torch.zerosLike(x, { dtype: torch.float32, requiresGrad: true }).requiresGrad).toBe(true);
    }));

  it("fromTypedArray keeps the array's kind", () =>
    torch.scope(() => {
      expect(torch.fromTypedArray(new Uint8Array([0, 255]), [2]).tolist()).toEqual([0, 255]);
      expect(torch.fromTypedArray(new Float64Array([0.5]), [1, 1]).dtype).toBe("float32");
      expect(torch.fromTypedArray(new Int32Array([1, 2]), [2]).dtype).toBe("int32");
      expect(() => torch.fromTypedArray(new Float32Array(3), [2, 2])).toThrow("fromTypedArray(): shape [2, 2] needs 4 values but the array has 3");
    }));

  it("device and dtype conversions port unchanged", () =>
    torch.scope(() => {
      const x = torch.tensor([1.5, -2]);
      expect(x.to("cpu")).toBe(x);
      expect(x.cuda().cpu()).toBe(x);
      expect(x.to("cuda:0", torch.int64).tolist()).toEqual([1, -2]);
      expect(x.to(torch.tensor([1])).dtype).toBe("int32");
      expect(x.double().dtype).toBe("float32");
      expect(x.type()).toBe("torch.FloatTensor");
      expect(x.contiguous()).toBe(x);
    }));

  it("released tensors print as released", () => {
    const t = torch.ones(2);
    t.dispose();
    expect(t.toString()).toBe("tensor(<released>)");
  });
});
