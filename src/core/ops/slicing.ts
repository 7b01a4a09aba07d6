// Basic indexing along one dim: select (x[i]), narrow, slice (x[a:b:step]), split/chunk/unbind, flip; backward pads the gradient back.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { normDim, Tensor } from "../tensor";

/** Places `dy` (the gradient of a strided slice of length `len` along `dim`) into zeros of `inShape`. */
function padBack(dy: tf.Tensor, inShape: number[], dim: number, start: number, step: number, len: number): tf.Tensor {
  const n = inShape[dim];
  if (len === 0) return tf.zeros(inShape, dy.dtype);
  let g = dy;
  let covered = len;
  if (step > 1) {
    // Interleave step-1 zero rows after each row, then trim to what fits in the input.
    const zshape = dy.shape.slice();
    zshape.splice(dim + 1, 0, step - 1);
    const spread = tf.concat([tf.expandDims(dy, dim + 1), tf.zeros(zshape, dy.dtype)], dim + 1);
    const merged = dy.shape.slice();
    merged[dim] = len * step;
    g = tf.reshape(spread, merged);
    covered = Math.min(len * step, n - start);
    if (covered < len * step) {
      const size = merged.slice();
      size[dim] = covered;
      g = tf.slice(g, merged.map(() => 0), size);
    }
  }
  const pads = inShape.map((_, i): [number, number] => (i === dim ? [start, n - start - covered] : [0, 0]));
  return tf.pad(g, pads);
}

/** @internal rows start, start+step, … (`len` of them) along `dim`; `drop` removes the dim (select). */
export function sliceOp(x: Tensor, dim: number, start: number, len: number, step: number, name: string, drop = false): Tensor {
  const inShape = x.shape;
  const outShape = inShape.slice();
  outShape[dim] = len;
  return makeOp(
    name,
    [x],
    () => {
      const begin = inShape.map((_, i) => (i === dim ? start : 0));
      let y: tf.Tensor;
      if (step === 1) y = tf.slice(x.tfData, begin, outShape);
      else {
        const end = inShape.map((s, i) => (i === dim ? start + (len - 1) * step + 1 : s));
        y = len === 0 ? tf.zeros(outShape, x.dtype) : tf.stridedSlice(x.tfData, begin, end, inShape.map((_, i) => (i === dim ? step : 1)));
      }
      return drop ? tf.reshape(y, outShape.filter((_, i) => i !== dim)) : y;
    },
    (dy) => [padBack(drop ? tf.expandDims(dy, dim) : dy, inShape, dim, start, step, len)],
    { readsInputs: false },
  );
}

/** Checks an integer index against a dim's size (negative counts from the end), with PyTorch's IndexError. */
export function normIndex(index: number, size: number, dim: number): number {
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new RangeError(`index ${index} is out of bounds for dimension ${dim} with size ${size}`);
  }
  return index < 0 ? index + size : index;
}

/** `x.select(dim, i)` is x[:, …, i]: removes `dim`. [3, 4].select(0, 1) → [4]. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new RangeError("select() cannot be applied to a 0-dim tensor.");
  const d = normDim(dim, x.ndim);
  const i = normIndex(index, x.shape[d], d);
  return sliceOp(x, d, i, 1, 1, "SelectBackward0", true);
}

/** `length` rows from `start` along `dim` (x[:, start:start+length]). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normDim(dim, x.ndim);
  const n = x.shape[d];
  if (start < -n || start > n) throw new RangeError(`start out of range (expected to be in range of [${-n}, ${n}], but got ${start})`);
  const s = start < 0 ? start + n : start;
  if (length < 0) throw new RangeError("narrow(): length must be non-negative.");
  if (s + length > n) throw new RangeError(`start (${start}) + length (${length}) exceeds dimension size (${n}).`);
  return sliceOp(x, d, s, length, 1, "SliceBackward0");
}

/**
 * Python's `x[:, start:end:step]` on one dim. Missing bounds mean the whole dim; negative bounds count from
 * the end and out-of-range bounds are clamped, as in Python. `step` must be positive (PyTorch has no negative steps).
 */
export function slice(x: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  const d = normDim(dim, x.ndim);
  if (step === 0) throw new RangeError("slice step cannot be zero");
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`step must be greater than zero (got ${step}); to reverse, use x.flip(dim)`);
  const n = x.shape[d];
  const clampBound = (v: number): number => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const s = start == null ? 0 : clampBound(start);
  const e = end == null ? n : clampBound(end);
  const len = Math.max(0, Math.ceil((e - s) / step));
  return sliceOp(x, d, len === 0 ? 0 : s, len, step, "SliceBackward0");
}

/**
 * Splits into pieces along `dim`: an integer gives pieces of that size (the last may be smaller),
 * an array gives the exact sizes. [5, 2].split(2) → [2, 2], [2, 2], [1, 2].
 */
export function split(x: Tensor, splitSize: number | number[], dim = 0): Tensor[] {
  const d = normDim(dim, x.ndim);
  const n = x.shape[d];
  let sizes: number[];
  if (Array.isArray(splitSize)) {
    const total = splitSize.reduce((a, b) => a + b, 0);
    if (total !== n || splitSize.some((s) => s < 0)) {
      throw new RangeError(
        `split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=[${splitSize.join(", ")}]`,
      );
    }
    sizes = splitSize;
  } else {
    if (!Number.isInteger(splitSize) || splitSize < 0) throw new RangeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
    if (splitSize === 0 && n !== 0) throw new RangeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
    sizes = [];
    for (let s = 0; s < n; s += splitSize) sizes.push(Math.min(splitSize, n - s));
    if (n === 0) sizes.push(0);
  }
  let at = 0;
  const name = Array.isArray(splitSize) ? "SplitWithSizesBackward0" : "SplitBackward0";
  return sizes.map((len) => {
    const piece = sliceOp(x, d, at, len, 1, name);
    at += len;
    return piece;
  });
}

/** Splits into `chunks` nearly equal pieces along `dim` (each ceil(n / chunks) long; fewer if n is small). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normDim(dim, x.ndim);
  const n = x.shape[d];
  return split(x, Math.max(1, Math.ceil(n / chunks)), d);
}

/** Every slice along `dim`, dim removed: [3, 4].unbind(0) → three [4] tensors. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normDim(dim, x.ndim);
  return Array.from({ length: x.shape[d] }, (_, i) => sliceOp(x, d, i, 1, 1, "UnbindBackward0", true));
}

/** Reverses the order along each of `dims`: [1, 2, 3].flip(0) → [3, 2, 1]. */
export function flip(x: Tensor, ...dims: Array<number | number[]>): Tensor {
  const ds = dims.flatMap((d) => (Array.isArray(d) ? d : [d])).map((d) => normDim(d, x.ndim));
  if (new Set(ds).size !== ds.length) throw new RangeError(`dims has duplicates, original flip dims size=${ds.length}, but unique flip dims size=${new Set(ds).size}`);
  if (ds.length === 0 || x.ndim === 0) return makeOp("FlipBackward0", [x], () => tf.clone(x.tfData), (dy) => [dy], { readsInputs: false });
  return makeOp("FlipBackward0", [x], () => tf.reverse(x.tfData, ds), (dy) => [tf.reverse(dy, ds)], { readsInputs: false });
}
