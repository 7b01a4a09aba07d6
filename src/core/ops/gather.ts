// Index-driven ops: indexSelect, gather, where, maskedFill, oneHot, nonzero; gradients scatter-add back (ScatterNd).
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { promote, type DType } from "../dtype";
import { normDim, Tensor } from "../tensor";
import { broadcastShapes } from "./arith";

type Operand = Tensor | number;
const fmt = (s: number[]): string => `[${s.join(", ")}]`;
const torchDtype = (d: DType): string => (d === "float32" ? "Float" : d === "int32" ? "Long" : "Bool");

/** @internal index values, read back once to check bounds (PyTorch raises on out-of-range indices; GPUs would not). */
export function readIndex(t: Tensor): Int32Array {
  return t.tfData.dataSync() as Int32Array;
}

/** Sums rows of `dy` into zeros of `inShape` at `idx` along `dim` (the backward of indexSelect). */
function scatterAddAlong(dy: tf.Tensor, idx: tf.Tensor, dim: number, inShape: number[]): tf.Tensor {
  const perm = Array.from({ length: inShape.length }, (_, i) => (i === 0 ? dim : i <= dim ? i - 1 : i));
  const inv = perm.map((_, i) => perm.indexOf(i));
  const front = tf.transpose(dy, perm);
  const shapeT = perm.map((p) => inShape[p]);
  const out = tf.scatterND(tf.reshape(idx, [-1, 1]), front, shapeT);
  return tf.transpose(out, inv);
}

/** Rows `index` of `x` along `dim`: [5, 3].indexSelect(0, tensor([4, 0])) → [2, 3]. index: 1-D integers. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  if (index.dtype !== "int32") throw new TypeError(`index_select(): Expected dtype int32 or int64 for index (got ${index.dtype}); convert with index.long()`);
  if (index.ndim > 1) throw new RangeError(`index_select(): Index is supposed to be a vector (got shape ${fmt(index.shape)}); flatten it first`);
  const d = normDim(dim, x.ndim);
  const inShape = x.shape;
  const n = x.ndim === 0 ? 1 : inShape[d];
  for (const i of readIndex(index)) {
    if (i < 0 || i >= n) throw new RangeError(`index out of range in self: index ${i} is out of bounds for dimension ${d} with size ${n}`);
  }
  if (x.ndim === 0) return makeOp("IndexSelectBackward0", [x], () => tf.reshape(x.tfData, index.ndim ? [index.numel()] : []), (dy) => [tf.sum(dy)]);
  return makeOp(
    "IndexSelectBackward0",
    [x],
    () => tf.gather(x.tfData, tf.reshape(index.tfData, [-1]), d),
    (dy) => [scatterAddAlong(dy, index.tfData, d, inShape)],
  );
}

/** Full coordinates [..index.shape, ndim] for gather/scatter: `dim` from index, the rest from the position. */
function gatherCoords(idx: tf.Tensor, dim: number): tf.Tensor {
  const shape = idx.shape;
  const axes = shape.map((s, a) => {
    if (a === dim) return tf.cast(idx, "int32");
    const r = tf.range(0, s, 1, "int32");
    return tf.broadcastTo(tf.reshape(r, shape.map((_, b) => (b === a ? s : 1))), shape);
  });
  return tf.stack(axes, -1);
}

/**
 * Picks values along `dim` by `index` (same rank as x): out[i][j] = x[i][index[i][j]] for dim 1.
 * The classic use: `logp.gather(1, y.unsqueeze(1))` takes each row's target log-probability ([N, C] → [N, 1]).
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  if (index.dtype !== "int32") throw new TypeError(`gather(): Expected dtype int64 for index (got ${index.dtype}); convert with index.long()`);
  const d = normDim(dim, x.ndim);
  const xs = x.shape;
  const is = index.shape;
  if (is.length !== xs.length) {
    throw new RangeError(`Index tensor must have the same number of dimensions as input tensor (index ${fmt(is)}, input ${fmt(xs)})`);
  }
  const bad = is.findIndex((s, a) => a !== d && s > xs[a]);
  if (bad >= 0) {
    throw new RangeError(`Size does not match at dimension ${bad} expected index ${fmt(is)} to be smaller than self ${fmt(xs)} apart from dimension ${d}`);
  }
  for (const i of readIndex(index)) {
    if (i < 0 || i >= xs[d]) throw new RangeError(`index ${i} is out of bounds for dimension ${d} with size ${xs[d]}`);
  }
  return makeOp(
    "GatherBackward0",
    [x],
    () => tf.gatherND(x.tfData, gatherCoords(index.tfData, d)),
    (dy) => [tf.scatterND(gatherCoords(index.tfData, d), dy, xs)],
  );
}

function dtypeOf(x: Operand): DType {
  return typeof x === "number" ? (Number.isInteger(x) ? "int32" : "float32") : x.dtype;
}

/** `condition ? a : b` elementwise, broadcasting all three: `torch.where(x.gt(0), x, 0)`. condition: bool. */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  if (condition.dtype !== "bool") {
    throw new TypeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${torchDtype(condition.dtype)}; compare first, e.g. x.gt(0)`);
  }
  const sa = typeof a === "number" ? [] : a.shape;
  const sb = typeof b === "number" ? [] : b.shape;
  const shape = broadcastShapes(broadcastShapes(condition.shape, sa, "where"), sb, "where");
  const dt = promote(dtypeOf(a), dtypeOf(b));
  const raw = (v: Operand): tf.Tensor => (typeof v === "number" ? tf.scalar(v, dt) : v.dtype === dt ? v.tfData : tf.cast(v.tfData, dt));
  const inputs = [a, b].filter((v): v is Tensor => v instanceof Tensor);
  return makeOp(
    "WhereBackward0",
    inputs,
    () => tf.where(tf.broadcastTo(condition.tfData, shape), tf.broadcastTo(raw(a), shape), tf.broadcastTo(raw(b), shape)),
    (dy) => {
      const c = tf.broadcastTo(condition.tfData, shape);
      const z = tf.zerosLike(dy);
      const out: tf.Tensor[] = [];
      if (a instanceof Tensor) out.push(tf.where(c, dy, z));
      if (b instanceof Tensor) out.push(tf.where(c, z, dy));
      return out;
    },
  );
}

/** Copy of x with `value` where `mask` is true (mask: bool, broadcastable to x): `scores.maskedFill(mask, -1e9)`. */
export function maskedFill(x: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  if (mask.dtype !== "bool") throw new TypeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype}; compare first, e.g. x.lt(0)`);
  const xs = x.shape;
  const bs = broadcastShapes(xs, mask.shape, "masked_fill");
  if (bs.join(",") !== xs.join(",")) {
    throw new RangeError(`masked_fill: mask of shape ${fmt(mask.shape)} does not broadcast to the input's shape ${fmt(xs)}`);
  }
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new RangeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  const dt = x.dtype;
  const inputs = value instanceof Tensor ? [x, value] : [x];
  return makeOp(
    value instanceof Tensor ? "MaskedFillBackward1" : "MaskedFillBackward0",
    inputs,
    () => {
      const v = value instanceof Tensor ? tf.cast(value.tfData, dt) : tf.scalar(dt === "bool" ? Number(Boolean(value)) : value, dt);
      return tf.where(tf.broadcastTo(mask.tfData, xs), tf.broadcastTo(v, xs), x.tfData);
    },
    (dy) => {
      const m = tf.broadcastTo(mask.tfData, xs);
      const z = tf.zerosLike(dy);
      return [tf.where(m, z, dy), ...(value instanceof Tensor ? [tf.sum(tf.where(m, dy, z))] : [])];
    },
  );
}

/** One-hot encoding of class indices: [N] → [N, numClasses] (int32). numClasses -1 means max + 1. */
export function oneHot(x: Tensor, numClasses = -1): Tensor {
  if (x.dtype !== "int32") throw new TypeError(`one_hot is only applicable to index tensor. (got ${x.dtype}; convert with .long())`);
  const v = readIndex(x);
  let max = -1;
  for (const i of v) {
    if (i < 0) throw new RangeError("Class values must be non-negative.");
    if (i > max) max = i;
  }
  const n = numClasses === -1 ? max + 1 : numClasses;
  if (max >= n) throw new RangeError(`Class values must be smaller than num_classes. (got class ${max} with numClasses ${n})`);
  return makeOp("oneHot", [], () => tf.reshape(tf.oneHot(tf.reshape(x.tfData, [-1]), n), [...x.shape, n]));
}

/** Coordinates of the non-zero (true) elements, [count, ndim] int32, in row-major order. */
export function nonzero(x: Tensor): Tensor {
  const shape = x.shape;
  const v = x.tfData.dataSync();
  const coords: number[] = [];
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    if (!v[i]) continue;
    count++;
    let rest = i;
    const c = new Array<number>(shape.length);
    for (let a = shape.length - 1; a >= 0; a--) {
      c[a] = rest % shape[a];
      rest = Math.floor(rest / shape[a]);
    }
    coords.push(...c);
  }
  return new Tensor(tf.tensor(coords, [count, shape.length], "int32"));
}
