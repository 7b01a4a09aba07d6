// torch.amax / torch.amin: max/min over several dims; the gradient is shared evenly between tied elements, as PyTorch does.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { normDim, type Tensor } from "../tensor";

function axes(x: Tensor, dim: number | number[] | null | undefined, fn: string): number[] {
  const list = dim == null ? [] : typeof dim === "number" ? [dim] : dim;
  const out = list.map((d) => normDim(d, x.ndim));
  if (new Set(out).size !== out.length) throw new RangeError(`${fn}(): dim ${out.join(", ")} appears multiple times in the list of dims`);
  // PyTorch: an empty dim list reduces over every dimension.
  return out.length ? out : x.shape.map((_, i) => i);
}

function extreme(x: Tensor, dim: number | number[] | null | undefined, keepdim: boolean, fn: "amax" | "amin"): Tensor {
  if (x.numel() === 0) throw new RangeError(`${fn}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  const ax = x.ndim === 0 ? [] : axes(x, dim, fn);
  const shape = x.shape;
  const outShape = (keep: boolean) => (keep ? shape.map((s, i) => (ax.includes(i) ? 1 : s)) : shape.filter((_, i) => !ax.includes(i)));
  // Reduced axes moved last and flattened, then one reduction over the last axis of a 2-D tensor. On webgpu that
  // transpose gave wrong values for [2, 3, 4] over axes [0, 2] (0.5 for 0.839; its multi-axis Max did too), so there
  // a reduced axis that is not already trailing is folded slice by slice with the elementwise op instead.
  const kept = shape.map((_, i) => i).filter((i) => !ax.includes(i));
  const keptSize = kept.reduce((n, i) => n * shape[i], 1);
  const trailing = ax.length === shape.length || kept.every((k, i) => k === i);
  const overAxes = (v: tf.Tensor, op: (t: tf.Tensor, axis: number) => tf.Tensor, pair: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, keep: boolean) => {
    if (!trailing && tf.getBackend() === "webgpu") {
      const folded = [...ax].sort((a, b) => a - b).reduce((t, a) => tf.expandDims(tf.unstack(t, a).reduce(pair), a), v);
      return tf.reshape(folded, outShape(keep));
    }
    const moved = trailing ? v : tf.transpose(v, [...kept, ...ax]);
    return tf.reshape(op(tf.reshape(moved, [keptSize, -1]), 1), outShape(keep));
  };
  const reduce = (v: tf.Tensor, keep: boolean) =>
    ax.length === 0
      ? v
      : fn === "amax"
        ? overAxes(v, (t, a) => tf.max(t, a), tf.maximum, keep)
        : overAxes(v, (t, a) => tf.min(t, a), tf.minimum, keep);
  return makeOp(
    fn === "amax" ? "AmaxBackward0" : "AminBackward0",
    [x],
    () => {
      // tfjs's Max/Min kernels skip NaN on some backends; PyTorch propagates it.
      const v = x.tfData;
      const r = reduce(v, keepdim);
      if (v.dtype !== "float32" || ax.length === 0) return r;
      const anyNan = overAxes(tf.isNaN(v), (t, a) => tf.any(t, a), tf.logicalOr, keepdim);
      return tf.where(anyNan, tf.fill(r.shape, NaN), r);
    },
    (dy) => {
      const v = x.tfData;
      const y = reduce(v, true);
      const hit = tf.cast(tf.equal(v, y), "float32");
      const count = ax.length ? overAxes(hit, (t, a) => tf.sum(t, a), tf.add, true) : hit;
      const g = keepdim || ax.length === 0 ? dy : tf.reshape(dy, y.shape);
      return [tf.div(tf.mul(hit, g), count)];
    },
  );
}

/** Largest value over `dim` (a dim or a list; all dims when omitted), like `torch.amax(x, dim, keepdim)`. */
export function amax(x: Tensor, dim?: number | number[] | null, keepdim = false): Tensor {
  return extreme(x, dim, keepdim, "amax");
}

/** Smallest value over `dim` (a dim or a list; all dims when omitted), like `torch.amin(x, dim, keepdim)`. */
export function amin(x: Tensor, dim?: number | number[] | null, keepdim = false): Tensor {
  return extreme(x, dim, keepdim, "amin");
}
