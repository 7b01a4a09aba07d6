// The Tensor handle: storage, shape, dtype, autograd fields and lifetime. Ops are installed by methods.ts.
import { tf } from "./backend";
import type { DType } from "./dtype";
import { markKept, track, untrack, release, type Holder, type Owned } from "./memory";

/** A recorded operation in the autograd graph (PyTorch's grad_fn). */
export interface GradFn {
  /** PyTorch-like name, e.g. "AddmmBackward0". */
  readonly name: string;
  /** The op's inputs, in order. */
  readonly inputs: readonly Tensor[];
  /**
   * Given dL/d(output), returns dL/d(input) for each input (null where not needed).
   * Null once the graph was freed by backward() without retainGraph.
   */
  backward: ((dy: tf.Tensor) => (tf.Tensor | null)[]) | null;
  /** @internal each input's `version` when the op ran (in-place changes after that make backward unsafe). */
  readonly versions?: readonly number[];
  /** @internal the op's output and its version, set when backward reads the output (exp, sigmoid, softmax…). */
  readonly output?: Tensor;
  readonly outputVersion?: number;
}

let nextId = 1;

/**
 * A multi-dimensional array with autograd, like `torch.Tensor`.
 * Create one with `torch.tensor([[1, 2], [3, 4]])`, `torch.zeros(3, 5)`, `torch.randn(64, 784)`.
 */
export class Tensor implements Owned {
  /** @internal storage shared with the finalizer. */
  readonly holder: Holder;
  /** @internal unique id (stable across in-place updates). */
  readonly id: number;
  /** True when gradients flow into this tensor. Set with `requiresGrad_()` or `{ requiresGrad: true }`. */
  requiresGrad = false;
  /** Accumulated gradient (`.grad` in PyTorch); null until backward() reaches this leaf. */
  grad: Tensor | null = null;
  /** The op that made this tensor (PyTorch's `grad_fn`); null for leaves. */
  gradFn: GradFn | null = null;
  /** @internal set by retainGrad(): keep .grad on a non-leaf. */
  retainsGrad = false;
  /** Bumped by every in-place op (PyTorch's `_version`); autograd uses it to refuse stale saved values. */
  version = 0;

  /** @internal use torch.tensor / factory functions (or torch.Tensor(2, 3)) instead. */
  constructor(data: tf.Tensor, opts: { requiresGrad?: boolean; persistent?: boolean; shares?: Holder } = {}) {
    if (typeof (data as { dataSync?: unknown } | null)?.dataSync !== "function") {
      throw new TypeError(
        "Tensor(…) is Gradbook's internal constructor; make a tensor with torch.Tensor(2, 3) (sizes, float32), " +
          "torch.tensor([[1, 2], [3, 4]]) (data), torch.zeros(2, 3) or torch.randn(2, 3)",
      );
    }
    this.holder = opts.shares ?? { t: data };
    this.id = nextId++;
    this.requiresGrad = opts.requiresGrad ?? false;
    // A view made by `.data` shares its owner's storage and lifetime: never freed on its own.
    if (opts.shares) return;
    track(this);
    if (opts.persistent) untrack(this);
  }

  /**
   * PyTorch's `x.data`: the same values as a tensor outside autograd (no grad, no history), sharing storage, so
   * `p.data.sub_(lr * p.grad)` changes `p` without recording. `x.data = y` replaces x's values with a copy of y's.
   */
  get data(): Tensor {
    return new Tensor(this.tfData, { shares: this.holder });
  }

  set data(value: Tensor) {
    if (!(value instanceof Tensor)) {
      throw new TypeError(`x.data = … expects a Tensor (got ${value === null ? "null" : typeof value}); use torch.tensor(values)`);
    }
    if (value.holder === this.holder) return;
    this.assignData(tf.clone(value.tfData));
  }

  /** @internal the live tfjs tensor; throws a clear error if the storage was released. */
  get tfData(): tf.Tensor {
    const t = this.holder.t;
    if (t === null || t.isDisposed) throw releasedError(this.holder.releasedBy);
    return t;
  }

  /** True while the storage is alive. */
  get isAlive(): boolean {
    return this.holder.t !== null && !this.holder.t.isDisposed;
  }

  /** Shape as an array, e.g. [64, 784]. Same as `size()`. */
  get shape(): number[] {
    return this.tfData.shape.slice();
  }

  /** "float32" | "int32" | "bool". */
  get dtype(): DType {
    return this.tfData.dtype as DType;
  }

  /** Number of dimensions (PyTorch's `dim()`/`ndim`). */
  get ndim(): number {
    return this.tfData.rank;
  }

  /** True for tensors not produced by a recorded op (inputs, parameters). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Shape, or one dimension's size (negative dims count from the end). */
  size(dim?: number): number[] | number {
    const s = this.shape;
    if (dim === undefined) return s;
    return s[normDim(dim, s.length)];
  }

  /** Number of dimensions. */
  dim(): number {
    return this.ndim;
  }

  /** Total number of elements. */
  numel(): number {
    return this.tfData.size;
  }

  /**
   * Keeps this tensor alive past the end of the current DataLoader step
   * (Gradbook frees tensors made inside a step when the step ends, so memory stays flat).
   */
  keep(): this {
    untrack(this);
    markKept(this);
    return this;
  }

  /** Frees the storage now. Rarely needed: Gradbook frees tensors for you. */
  dispose(): void {
    release(this, "disposed by dispose()");
  }

  /** @internal replaces the storage in place (optimizer steps, in-place ops); frees the old one. */
  assignData(t: tf.Tensor): void {
    const old = this.holder.t;
    this.holder.t = t;
    this.holder.releasedBy = undefined;
    if (old && old !== t && !old.isDisposed) old.dispose();
  }
}

/** Normalises a possibly-negative dim against a rank, with PyTorch's error. */
export function normDim(dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (!Number.isInteger(dim) || dim < -r || dim >= r) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + r : dim;
}

function releasedError(reason: string | undefined): Error {
  const why =
    reason === undefined
      ? "it was released"
      : reason.startsWith("end of DataLoader step")
        ? "it was made inside a DataLoader step, and Gradbook frees step tensors when the next batch is fetched so memory stays flat"
        : `it was ${reason}`;
  const e = new Error(
    `This tensor's memory was already released: ${why}. ` +
      "To keep a number, call .item() (or .tolist()) inside the loop; to keep the tensor itself, call .keep() on it before the step ends, " +
      "e.g. best = output.detach().keep().",
  );
  e.name = "ReleasedTensorError";
  return e;
}
