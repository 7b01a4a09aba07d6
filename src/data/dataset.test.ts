// Dataset, TensorDataset, Subset and randomSplit.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arange, Generator, memoryInfo, scope, tensor, type Tensor } from "../core";
import { Dataset, randomSplit, Subset, TensorDataset } from "./dataset";

let before = 0;
beforeEach(() => {
  before = memoryInfo().numTensors;
});
afterEach(() => expect(memoryInfo().numTensors).toBe(before));

/** TensorDataset keeps its own copies alive past any step; tests free them explicitly. */
function freeDataset(ds: TensorDataset): void {
  for (const t of ds.tensors) t.dispose();
}

/** A map-style dataset written as a learner would: sample i is [x_i, label]. */
class Squares extends Dataset<[Tensor, number]> {
  constructor(readonly n: number) {
    super();
  }
  get length(): number {
    return this.n;
  }
  get(i: number): [Tensor, number] {
    return [tensor([i, i * i], { dtype: "float32" }), i % 3];
  }
}

describe("TensorDataset", () => {
  it("indexes every tensor along the first dimension", () =>
    scope(() => {
      const ds = new TensorDataset(arange(12).view(6, 2).float(), tensor([0, 1, 2, 0, 1, 2]));
      expect(ds.length).toBe(6);
      const [x, y] = ds.get(4);
      expect(x.tolist()).toEqual([8, 9]);
      expect(y.shape).toEqual([]);
      expect(y.item()).toBe(1);
      const [bx, by] = ds.getBatch(Int32Array.of(5, 0));
      expect(bx.tolist()).toEqual([[10, 11], [0, 1]]);
      expect(by.tolist()).toEqual([2, 0]);
      expect(() => ds.get(6)).toThrow("index 6 is out of bounds for dataset of size 6");
      freeDataset(ds);
    }));

  it("rejects tensors of different lengths, naming both", () =>
    scope(() => {
      expect(() => new TensorDataset(arange(6), arange(5))).toThrow("Size mismatch between tensors: tensor 0 has 6 rows but tensor 1 has 5");
    }));
});

describe("Subset and randomSplit", () => {
  it("Subset maps its indices onto the dataset", () => {
    const sub = new Subset(new Squares(10), [7, 2]);
    expect(sub.length).toBe(2);
    scope(() => {
      expect(sub.get(0)[0].tolist()).toEqual([7, 49]);
      expect(sub.get(-1)[1]).toBe(2);
    });
    expect(() => sub.get(2)).toThrow("index 2 is out of range for a Subset of length 2");
    expect(sub.getBatch).toBeUndefined(); // Squares has no batched path, so neither does the Subset.
  });

  it("splits into disjoint subsets that cover the dataset, by lengths or fractions", () => {
    const ds = new Squares(10);
    const [a, b] = randomSplit(ds, [7, 3], new Generator(1));
    expect([a.length, b.length]).toEqual([7, 3]);
    expect([...a.indices, ...b.indices].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const parts = randomSplit(ds, [0.5, 0.3, 0.2], new Generator(1));
    expect(parts.map((p) => p.length)).toEqual([5, 3, 2]);
    // PyTorch hands the remainder out round-robin: floor(10 * 1/3) = 3 each, then one more to the first.
    expect(randomSplit(ds, [1 / 3, 1 / 3, 1 / 3]).map((p) => p.length)).toEqual([4, 3, 3]);
  });

  it("is reproducible with a seeded generator", () => {
    const ds = new Squares(20);
    const [a1] = randomSplit(ds, [15, 5], new Generator(42));
    const [a2] = randomSplit(ds, [15, 5], new Generator(42));
    const [a3] = randomSplit(ds, [15, 5], new Generator(43));
    expect(Array.from(a1.indices)).toEqual(Array.from(a2.indices));
    expect(Array.from(a1.indices)).not.toEqual(Array.from(a3.indices));
  });

  it("says when the lengths do not add up", () => {
    expect(() => randomSplit(new Squares(10), [5, 4])).toThrow("Sum of input lengths (9) does not equal the length of the input dataset (10)!");
  });

  it("keeps the fast batched path of a TensorDataset", () =>
    scope(() => {
      const ds = new TensorDataset(arange(10).float());
      const [a] = randomSplit(ds, [6, 4], new Generator(0));
      const [batch] = a.getBatch!(Int32Array.of(0, 1));
      expect(batch.tolist()).toEqual([a.indices[0], a.indices[1]]);
      freeDataset(ds);
    }));
});
