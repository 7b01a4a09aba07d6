// DataLoader: batching, partial and dropped last batches, seeded shuffling, collation, and per-step tensor lifetime.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arange, arenaDepth, Generator, manualSeed, memoryInfo, scope, tensor, type Tensor } from "../core";
import { DataLoader } from "./dataloader";
import { Dataset, randomSplit, TensorDataset } from "./dataset";

let before = 0;
beforeEach(() => {
  before = memoryInfo().numTensors;
});
afterEach(() => expect(memoryInfo().numTensors).toBe(before));

/** Runs `body` with a TensorDataset of 10 rows x = [i, 10 + i], y = i, freeing everything afterwards. */
function withDataset(body: (ds: TensorDataset) => void): void {
  scope(() => {
    const ds = new TensorDataset(arange(20).view(2, 10).t().float(), arange(10));
    try {
      body(ds);
    } finally {
      for (const t of ds.tensors) t.dispose();
    }
  });
}

/** The order in which a loader yields the y column over one pass. */
const order = (loader: DataLoader<unknown>): number[] => Array.from(loader, (batch) => (batch as Tensor[])[1].tolist() as number[]).flat();

class Pairs extends Dataset<[Tensor, number]> {
  get length(): number {
    return 5;
  }
  get(i: number): [Tensor, number] {
    return [tensor([i, -i], { dtype: "float32" }), i * 2];
  }
}

describe("DataLoader batching", () => {
  it("yields full batches then the last partial one, in order", () =>
    withDataset((ds) => {
      const loader = new DataLoader(ds, { batchSize: 4 });
      expect(loader.length).toBe(3);
      const shapes = Array.from(loader, ([x, y]) => [x.shape, y.shape]);
      expect(shapes).toEqual([[[4, 2], [4]], [[4, 2], [4]], [[2, 2], [2]]]);
      expect(order(loader)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const xs = Array.from(loader, ([x]) => x.tolist());
      expect(xs[0]).toEqual([[0, 10], [1, 11], [2, 12], [3, 13]]);
    }));

  it("dropLast drops the partial batch", () =>
    withDataset((ds) => {
      const loader = new DataLoader(ds, { batchSize: 4, dropLast: true });
      expect(loader.length).toBe(2);
      expect(order(loader)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }));

  it("shuffles reproducibly under manualSeed, with a new order every pass", () =>
    withDataset((ds) => {
      const loader = new DataLoader(ds, { batchSize: 3, shuffle: true });
      manualSeed(7);
      const [a1, a2] = [order(loader), order(loader)];
      manualSeed(7);
      const [b1, b2] = [order(loader), order(loader)];
      expect([b1, b2]).toEqual([a1, a2]);
      expect(a1).not.toEqual(a2);
      expect(a1).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect([...a1].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }));

  it("a generator of its own makes the order independent of the global seed", () =>
    withDataset((ds) => {
      const make = () => new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator(3) });
      manualSeed(1);
      const first = order(make());
      manualSeed(2);
      expect(order(make())).toEqual(first);
    }));

  it("collates a custom Dataset's [Tensor, number] samples into [Tensor, Tensor]", () =>
    scope(() => {
      // Values are read inside the loop: each step frees the previous batch.
      const batches = Array.from(new DataLoader(new Pairs(), { batchSize: 2 }), ([x, y]) => ({ x: x.tolist(), y: y.tolist(), dtype: y.dtype }));
      expect(batches).toEqual([
        { x: [[0, -0], [1, -1]], y: [0, 2], dtype: "int32" },
        { x: [[2, -2], [3, -3]], y: [4, 6], dtype: "int32" },
        { x: [[4, -4]], y: [8], dtype: "int32" },
      ]);
    }));

  it("stacks a Dataset whose samples are single tensors into one tensor per batch", () =>
    scope(() => {
      class Rows extends Dataset<Tensor> {
        get length() {
          return 3;
        }
        get(i: number) {
          return tensor([i, i], { dtype: "float32" });
        }
      }
      const batches = Array.from(new DataLoader(new Rows(), { batchSize: 2 }), (x) => x.tolist());
      expect(batches).toEqual([[[0, 0], [1, 1]], [[2, 2]]]);
    }));

  it("iterates a randomSplit of a custom Dataset (no batched path)", () =>
    scope(() => {
      const [train] = randomSplit(new Pairs(), [3, 2], new Generator(0));
      const ys = Array.from(new DataLoader(train, { batchSize: 2 }), ([, y]) => y.tolist() as number[]).flat();
      expect(ys).toEqual(Array.from(train.indices, (i) => i * 2));
    }));

  it("explains bad arguments", () =>
    withDataset((ds) => {
      expect(() => new DataLoader(ds, { batch_size: 64 } as never)).toThrow(
        "DataLoader got an unexpected keyword argument 'batch_size'; options use camelCase here: batchSize",
      );
      expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow("batch_size should be a positive integer value, but got batch_size=0");
      expect(() => new DataLoader(Promise.resolve(ds) as never)).toThrow(/did you forget `await`/);
      expect(new DataLoader(ds, { numWorkers: 2, pinMemory: true }).batchSize).toBe(1);
    }));
});

describe("DataLoader step lifetime", () => {
  it("frees a step's tensors when the next batch comes, with an error that says why and how to keep one", () =>
    withDataset((ds) => {
      let first: Tensor | null = null;
      let kept: Tensor | null = null;
      let step = 0;
      for (const [x] of new DataLoader(ds, { batchSize: 4 })) {
        const doubled = x.mul(2);
        if (step === 0) {
          first = doubled;
          kept = doubled.sum().keep();
        }
        if (step === 1) {
          expect(() => first!.sum()).toThrow(/already released: it was made inside a DataLoader step.*call \.keep\(\)/);
        }
        step += 1;
      }
      expect(kept!.item()).toBe(2 * (0 + 10 + 1 + 11 + 2 + 12 + 3 + 13));
      kept!.dispose();
    }));

  it("keeps the last batch usable after the loop ends or breaks", () =>
    withDataset((ds) => {
      let last: Tensor | null = null;
      for (const [x] of new DataLoader(ds, { batchSize: 4 })) last = x.sum();
      expect(last!.item()).toBe(8 + 18 + 9 + 19);
      for (const [x] of new DataLoader(ds, { batchSize: 4 })) {
        last = x.sum();
        break;
      }
      expect(last!.item()).toBe(0 + 10 + 1 + 11 + 2 + 12 + 3 + 13);
    }));

  it("a Dataset that throws leaves no step open (regression)", () =>
    scope(() => {
      class Broken extends Pairs {
        override get(i: number): [Tensor, number] {
          if (i === 3) throw new Error("bad sample 3");
          return super.get(i);
        }
      }
      const depth = arenaDepth();
      expect(() => {
        for (const [x] of new DataLoader(new Broken(), { batchSize: 2 })) x.sum();
      }).toThrow("bad sample 3");
      expect(arenaDepth()).toBe(depth);
    }));

  it("keeps the live tensor count flat across steps", () =>
    withDataset((ds) => {
      const counts: number[] = [];
      for (const [x, y] of new DataLoader(ds, { batchSize: 2 })) {
        x.mul(3).sum().add(y.float().mean());
        counts.push(memoryInfo().numTensors);
      }
      expect(new Set(counts).size).toBe(1);
    }));
});
