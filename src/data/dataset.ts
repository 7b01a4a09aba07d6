// Dataset, TensorDataset and randomSplit (mirror torch.utils.data). Datasets may offer a fast batched path.
import { defaultGenerator, fromTypedArray, tf, Tensor, type Generator } from "../core";

/** One sample: usually [input, target]. */
export type Sample = Tensor[] | [Tensor, number] | unknown[];

/**
 * Map-style dataset: `length` and `get(i)`. Subclass it like torch.utils.data.Dataset
 * (`__len__` → `length`, `__getitem__` → `get`).
 */
export abstract class Dataset<T = Sample> {
  abstract get length(): number;
  abstract get(index: number): T;
  /** Optional fast path: a whole batch at once (DataLoader prefers it). */
  getBatch?(indices: Int32Array): Tensor[];
}

/** Wraps tensors that share their first dimension: sample i is [t0[i], t1[i], …]. */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    if (tensors.length === 0) throw new TypeError("TensorDataset needs at least one tensor");
    const n = tensors[0].shape[0];
    tensors.forEach((t, i) => {
      if (t.shape[0] !== n) throw new RangeError(`Size mismatch between tensors: tensor 0 has ${n} rows but tensor ${i} has ${t.shape[0]}`);
    });
    this.tensors = tensors.map((t) => t.detach().keep());
  }
  get length(): number {
    return this.tensors[0].shape[0];
  }
  get(i: number): Tensor[] {
    return this.getBatch(Int32Array.of(i)).map((t) => t.squeeze(0));
  }
  override getBatch(indices: Int32Array): Tensor[] {
    for (const i of indices) {
      if (i < 0 || i >= this.length) throw new RangeError(`index ${i} is out of bounds for dataset of size ${this.length}`);
    }
    const idx = fromTypedArray(indices, [indices.length], { dtype: "int32" });
    return this.tensors.map((t) => new Tensor(tf.gather(t.tfData, idx.tfData)));
  }
}

/** A view of some indices of another dataset (torch.utils.data.Subset); batches come from the underlying dataset. */
export class Subset<T> extends Dataset<T> {
  readonly indices: Int32Array;
  constructor(
    readonly dataset: Dataset<T>,
    indices: Int32Array | number[],
  ) {
    super();
    this.indices = Int32Array.from(indices);
    const inner = dataset.getBatch;
    // Offer the fast batched path only when the underlying dataset has one; otherwise DataLoader collates get(i).
    if (inner) this.getBatch = (idx: Int32Array): Tensor[] => inner.call(dataset, idx.map((i) => this.indices[i]));
  }
  get length(): number {
    return this.indices.length;
  }
  get(i: number): T {
    if (!(i >= -this.length && i < this.length)) throw new RangeError(`index ${i} is out of range for a Subset of length ${this.length}`);
    return this.dataset.get(this.indices[i < 0 ? i + this.length : i]);
  }
}

/** Splits a dataset into non-overlapping random subsets of the given lengths (or fractions summing to 1). */
export function randomSplit<T>(dataset: Dataset<T>, lengths: number[], generator: Generator = defaultGenerator): Subset<T>[] {
  const n = dataset.length;
  let sizes = lengths;
  if (lengths.every((l) => l > 0 && l < 1) && Math.abs(lengths.reduce((a, b) => a + b, 0) - 1) < 1e-6) {
    sizes = lengths.map((f) => Math.floor(f * n));
    for (let i = 0; sizes.reduce((a, b) => a + b, 0) < n; i++) sizes[i % sizes.length] += 1;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) {
    throw new RangeError(`Sum of input lengths (${sizes.reduce((a, b) => a + b, 0)}) does not equal the length of the input dataset (${n})!`);
  }
  const perm = generator.randperm(n);
  let off = 0;
  return sizes.map((s) => {
    const sub = new Subset(dataset, perm.slice(off, off + s));
    off += s;
    return sub;
  });
}
