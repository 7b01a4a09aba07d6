// Shape ops: view/reshape, flatten, squeeze/unsqueeze, transpose/permute/t/T, detach, clone, dtype casts.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import type { DType } from "../dtype";
import { normDim, Tensor } from "../tensor";

type ShapeArg = number | number[];

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

/** `(2, 3)`, `([2, 3])` → [2, 3]. */
export function shapeArgs(args: ShapeArg[]): number[] {
  return args.flatMap((a) => (Array.isArray(a) ? a : [a]));
}

/** @internal a reshape recorded under `name` (views in PyTorch have different grad_fn names). */
export function reshapeAs(x: Tensor, shape: number[], name: string): Tensor {
  const inShape = x.shape;
  return makeOp(name, [x], () => tf.reshape(x.tfData, shape), (dy) => [tf.reshape(dy, inShape)], { readsInputs: false });
}

/** Same data, new shape: `x.view(-1, 784)`; one dim may be -1. x: [*] → [shape]. */
export function view(x: Tensor, ...shape: ShapeArg[]): Tensor {
  return reshapeAs(x, resolveShape(shapeArgs(shape), x.numel()), "ViewBackward0");
}

/** Like view (Gradbook has no strides, so reshape never copies). */
export function reshape(x: Tensor, ...shape: ShapeArg[]): Tensor {
  return reshapeAs(x, resolveShape(shapeArgs(shape), x.numel()), "ReshapeAliasBackward0");
}

/** Flattens dims startDim..endDim into one: `torch.flatten(x, 1)` turns [N, C, H, W] into [N, C*H*W]. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normDim(startDim, x.ndim);
  const e = normDim(endDim, x.ndim);
  if (s > e) throw new RangeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return x;
  const shape = x.shape;
  const mid = shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...shape.slice(0, s), mid, ...shape.slice(e + 1)]);
}

/** Removes size-1 dims (all of them, or just `dim` if it has size 1). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  const shape = x.shape;
  if (dim === undefined) return reshapeAs(x, shape.filter((d) => d !== 1), "SqueezeBackward0");
  const d = normDim(dim, x.ndim);
  return reshapeAs(x, shape[d] === 1 ? shape.filter((_, i) => i !== d) : shape, "SqueezeBackward1");
}

/** Inserts a size-1 dim at `dim`: [3, 4].unsqueeze(0) → [1, 3, 4]. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, x.ndim + 1);
  const shape = x.shape;
  shape.splice(d, 0, 1);
  return reshapeAs(x, shape, "UnsqueezeBackward0");
}

function permuteAs(x: Tensor, p: number[], name: string): Tensor {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return makeOp(name, [x], () => tf.transpose(x.tfData, p), (dy) => [tf.transpose(dy, inv)], { readsInputs: false });
}

/** Reorders dims: `x.permute(0, 2, 1)` turns [N, L, C] into [N, C, L]. */
export function permute(x: Tensor, ...dims: ShapeArg[]): Tensor {
  const raw = shapeArgs(dims);
  if (raw.length !== x.ndim) {
    throw new RangeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${raw.length}`,
    );
  }
  const p = raw.map((d) => normDim(d, x.ndim));
  if (new Set(p).size !== p.length) throw new RangeError(`permute(): duplicate dims are not allowed (got [${raw.join(", ")}])`);
  return permuteAs(x, p, "PermuteBackward0");
}

/** Swaps two dims: [N, L, C].transpose(1, 2) → [N, C, L]. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const p = Array.from({ length: x.ndim }, (_, i) => i);
  const a = normDim(dim0, x.ndim);
  const b = normDim(dim1, x.ndim);
  [p[a], p[b]] = [p[b], p[a]];
  return permuteAs(x, p, "TransposeBackward0");
}

/** Transpose of a matrix (≤ 2-D), like `x.t()`: [n, m] → [m, n]. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2) throw new RangeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D. Use x.transpose(dim0, dim1) or x.permute(...)`);
  return permuteAs(x, x.ndim < 2 ? [0].slice(0, x.ndim) : [1, 0], "TBackward0");
}

/** `x.T`: all dims reversed ([a, b, c] → [c, b, a]). */
export function reverseDims(x: Tensor): Tensor {
  return permuteAs(x, Array.from({ length: x.ndim }, (_, i) => x.ndim - 1 - i), "PermuteBackward0");
}

/** A new tensor with the same values, cut from the graph (no gradient flows back). */
export function detach(x: Tensor): Tensor {
  return new Tensor(tf.clone(x.tfData));
}

/** A copy that stays in the graph. */
export function clone(x: Tensor): Tensor {
  return makeOp("CloneBackward0", [x], () => tf.clone(x.tfData), (dy) => [dy], { readsInputs: false });
}

/** Converts dtype; gradients flow only float → float (ints and bools cannot require grad). */
export function to(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  return makeOp("ToCopyBackward0", dtype === "float32" ? [x] : [], () => tf.cast(x.tfData, dtype), (dy) => [dy], { readsInputs: false });
}
