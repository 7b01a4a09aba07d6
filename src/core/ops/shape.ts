// Shape ops: view/reshape, flatten, squeeze/unsqueeze, transpose/permute/t, detach, clone, dtype casts.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import type { DType } from "../dtype";
import { normDim, Tensor } from "../tensor";

/** Resolves a requested shape with at most one -1, with PyTorch's error when sizes disagree. */
export function resolveShape(requested: number[], size: number): number[] {
  const neg = requested.filter((d) => d === -1).length;
  if (neg > 1) throw new RangeError("only one dimension can be inferred");
  const known = requested.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const bad = () =>
    new RangeError(
      `shape '[${requested.join(", ")}]' is invalid for input of size ${size}` +
        (neg ? "" : ` (the new shape has ${known} elements; sizes must multiply to ${size})`),
    );
  if (requested.some((d) => !Number.isInteger(d) || d < -1)) throw bad();
  if (neg === 0) {
    if (known !== size) throw bad();
    return requested.slice();
  }
  if (known === 0 || size % known !== 0) throw bad();
  return requested.map((d) => (d === -1 ? size / known : d));
}

function shapeArgs(args: Array<number | number[]>): number[] {
  return args.flatMap((a) => (Array.isArray(a) ? a : [a]));
}

/** Same data, new shape (`x.view(-1, 784)`); one dim may be -1. */
export function reshape(x: Tensor, ...shape: Array<number | number[]>): Tensor {
  const s = resolveShape(shapeArgs(shape), x.numel());
  const inShape = x.shape;
  return makeOp("ViewBackward0", [x], () => tf.reshape(x.data, s), (dy) => [tf.reshape(dy, inShape)]);
}

/** Flattens dims startDim..endDim into one (`torch.flatten(x, 1)`). */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normDim(startDim, x.ndim);
  const e = normDim(endDim, x.ndim);
  if (s > e) throw new RangeError("flatten() has invalid args: start_dim cannot come after end_dim");
  const shape = x.shape;
  const mid = shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...shape.slice(0, s), mid, ...shape.slice(e + 1)]);
}

/** Removes size-1 dims (all, or just `dim`). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  const shape = x.shape;
  if (dim === undefined) return reshape(x, shape.filter((d) => d !== 1));
  const d = normDim(dim, x.ndim);
  if (shape[d] !== 1) return reshape(x, shape);
  return reshape(x, shape.filter((_, i) => i !== d));
}

/** Inserts a size-1 dim at `dim`. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, x.ndim + 1);
  const shape = x.shape;
  shape.splice(d, 0, 1);
  return reshape(x, shape);
}

/** Reorders dims (`x.permute(0, 2, 1)`). */
export function permute(x: Tensor, ...dims: Array<number | number[]>): Tensor {
  const p = shapeArgs(dims).map((d) => normDim(d, x.ndim));
  if (p.length !== x.ndim || new Set(p).size !== p.length) {
    throw new RangeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${p.length}`);
  }
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return makeOp("PermuteBackward0", [x], () => tf.transpose(x.data, p), (dy) => [tf.transpose(dy, inv)]);
}

/** Swaps two dims. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const p = Array.from({ length: x.ndim }, (_, i) => i);
  const a = normDim(dim0, x.ndim);
  const b = normDim(dim1, x.ndim);
  [p[a], p[b]] = [p[b], p[a]];
  return permute(x, p);
}

/** Transpose of a matrix (≤ 2-D), like `x.t()`. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2) throw new RangeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  return x.ndim < 2 ? reshape(x, x.shape) : transpose(x, 0, 1);
}

/** A new tensor sharing values but cut from the graph (no gradient flows back). */
export function detach(x: Tensor): Tensor {
  return new Tensor(tf.clone(x.data));
}

/** A copy that stays in the graph. */
export function clone(x: Tensor): Tensor {
  return makeOp("CloneBackward0", [x], () => tf.clone(x.data), (dy) => [dy]);
}

/** Converts dtype; gradients flow only float → float. */
export function to(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  if (dtype === "float32" && x.dtype === "float32") return x;
  return makeOp("ToCopyBackward0", dtype === "float32" ? [x] : [], () => tf.cast(x.data, dtype), (dy) => [dy]);
}
