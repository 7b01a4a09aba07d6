// Reductions: sum, mean, max/min (values and indices), argmax/argmin; backward beside forward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { normDim, Tensor } from "../tensor";
import { maximum, minimum } from "./arith";

type Dims = number | number[] | undefined;

function axes(x: Tensor, dim: Dims): number[] {
  if (dim === undefined) return Array.from({ length: x.ndim }, (_, i) => i);
  const ds = Array.isArray(dim) ? dim : [dim];
  return ds.map((d) => normDim(d, x.ndim));
}

/** Reshapes a reduced gradient so it broadcasts back over the reduced axes. */
function expandBack(dy: tf.Tensor, inShape: number[], ax: number[], keepdim: boolean): tf.Tensor {
  if (keepdim || ax.length === 0) return dy;
  const shape = inShape.map((s, i) => (ax.includes(i) ? 1 : s));
  return tf.reshape(dy, shape);
}

function asFloat(x: Tensor): tf.Tensor {
  return x.dtype === "float32" ? x.tfData : tf.cast(x.tfData, "float32");
}

/** Sum over all elements, or over `dim` (PyTorch's `sum(dim, keepdim)`). Int/bool sums stay int32. */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const ax = axes(x, dim);
  return makeOp(
    dim === undefined ? "SumBackward0" : "SumBackward1",
    [x],
    () => tf.sum(x.dtype === "bool" ? tf.cast(x.tfData, "int32") : x.tfData, ax, keepdim),
    (dy) => [tf.broadcastTo(expandBack(dy, x.shape, ax, keepdim), x.shape)],
  );
}

/** Mean over all elements, or over `dim`. Needs a float tensor, as in PyTorch. */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (x.dtype !== "float32") {
    throw new TypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype === "int32" ? "Long" : "Bool"}. Convert first: x.float().mean()`,
    );
  }
  const ax = axes(x, dim);
  const n = ax.reduce((a, d) => a * x.shape[d], 1);
  return makeOp(
    dim === undefined ? "MeanBackward0" : "MeanBackward1",
    [x],
    () => tf.mean(x.tfData, ax, keepdim),
    (dy) => [tf.div(tf.broadcastTo(expandBack(dy, x.shape, ax, keepdim), x.shape), n)],
  );
}

/** Result of max/min along a dim, like PyTorch's named tuple. Destructure: `const [values, indices] = x.max(1)`. */
export class ValuesIndices {
  readonly 0: Tensor;
  readonly 1: Tensor;
  constructor(
    readonly values: Tensor,
    readonly indices: Tensor,
    /** The op, for printing: torch.return_types.max(…). */
    private readonly op = "max",
  ) {
    this[0] = values;
    this[1] = indices;
  }
  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
  toString(): string {
    return `torch.return_types.${this.op}(\nvalues=${this.values.toString()},\nindices=${this.indices.toString()})`;
  }
}

function extreme(name: "max" | "min", x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  const red = name === "max" ? tf.max : tf.min;
  const argf = name === "max" ? tf.argMax : tf.argMin;
  if (x.numel() === 0) {
    throw new RangeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
  if (dim === undefined) {
    return makeOp(name === "max" ? "MaxBackward1" : "MinBackward1", [x], () => red(x.tfData), (dy, out) => {
      const v = asFloat(x);
      const mask = tf.cast(tf.equal(v, out), "float32");
      return [tf.div(tf.mul(mask, dy), tf.sum(mask))];
    });
  }
  const d = normDim(dim, x.ndim);
  const outShape = x.shape.map((s, i) => (i === d ? 1 : s)).filter((_, i) => keepdim || i !== d);
  const indices = makeOp("argmax", [], () => tf.reshape(argf(x.tfData, d), outShape));
  const values = makeOp(name === "max" ? "MaxBackward0" : "MinBackward0", [x], () => red(x.tfData, d, keepdim), (dy) => {
    // Gradient goes to the arg-extreme position only (PyTorch), found by comparing a range along `d` with the index.
    const idx = keepdim ? indices.tfData : tf.expandDims(indices.tfData, d);
    const rangeShape = x.shape.map((s, i) => (i === d ? s : 1));
    const positions = tf.reshape(tf.range(0, x.shape[d], 1, "int32"), rangeShape);
    const mask = tf.equal(positions, idx);
    const g = expandBack(dy, x.shape, [d], keepdim);
    return [tf.mul(tf.cast(mask, "float32"), g)];
  });
  return new ValuesIndices(values, indices, name);
}

/**
 * Largest element; with `dim`, `[values, indices]` along that dim ([N, C].max(1) → two [N] tensors);
 * with a tensor, the elementwise maximum (`torch.max(a, b)`).
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim?: number | Tensor, keepdim?: boolean): Tensor | ValuesIndices;
export function max(x: Tensor, dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return maximum(x, dim);
  return extreme("max", x, dim, keepdim);
}

/** Smallest element; with `dim`, `[values, indices]`; with a tensor, the elementwise minimum. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim?: number | Tensor, keepdim?: boolean): Tensor | ValuesIndices;
export function min(x: Tensor, dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return minimum(x, dim);
  return extreme("min", x, dim, keepdim);
}

/** Index of the largest value (over the flattened tensor, or along `dim`). int32. */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExt(tf.argMax, x, dim, keepdim);
}

/** Index of the smallest value. int32. */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExt(tf.argMin, x, dim, keepdim);
}

function argExt(f: (t: tf.Tensor, axis?: number) => tf.Tensor, x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  // Reshaped explicitly: tfjs-webgpu returns [1] instead of a scalar for a 1-D argMax.
  if (dim === undefined) return makeOp("argmax", [], () => tf.reshape(f(tf.reshape(x.tfData, [-1]), 0), []));
  const d = normDim(dim, x.ndim);
  const shape = x.shape.map((s, i) => (i === d ? 1 : s)).filter((_, i) => keepdim || i !== d);
  return makeOp("argmax", [], () => tf.reshape(f(x.tfData, d), shape));
}
