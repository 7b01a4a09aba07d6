// max_pool2d and avg_pool2d in NCHW (PyTorch's padding and divisor rules); backward from slices and a transposed conv,
// kernels every backend has and runs correctly.
import { fastCpuActive, tf } from "../backend";
import { makeOp } from "../autograd";
import { Tensor } from "../tensor";
import { pair, type Pair } from "./conv";
import { reshape } from "./shape";

export interface Pool2dOptions {
  /** Step between windows; default: the kernel size. */
  stride?: Pair | null;
  /** Implicit padding on each side (at most half the kernel): -inf for max, zeros for avg. Default 0. */
  padding?: Pair;
  /** Only 1 is supported. */
  dilation?: Pair;
  /** Only false is supported. */
  ceilMode?: boolean;
  /** avgPool2d: count the zero padding in the divisor (default true, as in PyTorch). */
  countIncludePad?: boolean;
}

// The lowest float32: padding for max pooling (every window holds at least one real value, so it never wins).
const LOWEST = -3.4028234663852886e38;

interface PoolPlan {
  k: [number, number];
  s: [number, number];
  p: [number, number];
}

function plan(fn: string, x: Tensor, kernelSize: Pair, opts: Pool2dOptions): PoolPlan {
  if ((x.ndim !== 3 && x.ndim !== 4) || x.numel() === 0) throw new RangeError("non-empty 3D or 4D (batch mode) tensor expected for input");
  if (x.dtype !== "float32") throw new TypeError(`${fn}: expected a float32 input, got ${x.dtype}; call x.float()`);
  const k = pair(kernelSize, "kernel_size", fn);
  const s = opts.stride == null ? k : pair(opts.stride, "stride", fn);
  const p = pair(opts.padding ?? 0, "padding", fn, 0);
  if (pair(opts.dilation ?? 1, "dilation", fn).some((d) => d !== 1)) throw new RangeError(`${fn}: dilation other than 1 is not supported in Gradbook`);
  if (opts.ceilMode) throw new RangeError(`${fn}: ceil_mode=True is not supported in Gradbook; pad the input instead`);
  if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
    throw new RangeError(`pad should be at most half of kernel size, but got pad=${p[0] > k[0] / 2 ? p[0] : p[1]} and kernel_size=${p[0] > k[0] / 2 ? k[0] : k[1]}`);
  }
  const [C, H, W] = x.shape.slice(-3);
  const oh = Math.floor((H + 2 * p[0] - k[0]) / s[0]) + 1;
  const ow = Math.floor((W + 2 * p[1] - k[1]) / s[1]) + 1;
  if (oh < 1 || ow < 1) {
    throw new RangeError(`Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${Math.max(oh, 0)}x${Math.max(ow, 0)}). Output size is too small`);
  }
  return { k, s, p };
}

/** x [N, C, H, W] → NHWC, padded by `p` with `value`. */
function toNhwc(x: tf.Tensor, p: [number, number], value: number): tf.Tensor4D {
  const t = tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
  return p[0] + p[1] > 0 ? tf.pad(t, [[0, 0], [p[0], p[0]], [p[1], p[1]], [0, 0]], value) : t;
}

function batched(x: Tensor, f: (x4: Tensor) => Tensor): Tensor {
  if (x.ndim === 4) return f(x);
  const y = f(reshape(x, [1, ...x.shape]));
  return reshape(y, y.shape.slice(1));
}

/**
 * 2-D max pooling, like `torch.nn.functional.max_pool2d`. x: [N, C, H, W] (or [C, H, W]) → [N, C, H_out, W_out],
 * H_out = floor((H + 2·padding − kernel) / stride) + 1. The gradient goes to the max of each pooling region.
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, opts: Pool2dOptions = {}): Tensor {
  const { k, s, p } = plan("max_pool2d", x, kernelSize, opts);
  return batched(x, (x4) =>
    makeOp(
      "MaxPool2DWithIndicesBackward0",
      [x4],
      () => tf.transpose(tf.maxPool(toNhwc(x4.tfData, p, LOWEST), k, s, "valid"), [0, 3, 1, 2]),
      (dy) => [maxPoolGrad(x4.tfData, dy, k, s, p)],
    ),
  );
}

/**
 * The gradient of max pooling, routed to the first maximum of each window (row-major), as PyTorch does.
 * Built from a one-hot convolution (im2col), a cumulative sum and one transposed convolution, because tfjs-wasm's
 * MaxPoolGrad kernel gives wrong results for some shapes (e.g. NHWC [2, 6, 6, 3], 2×2 kernel, stride 2); one path
 * on every backend, fast on wasm (strided slices, broadcast comparisons and last-axis stacks are slow there).
 */
function maxPoolGrad(x: tf.Tensor, dy: tf.Tensor, k: [number, number], s: [number, number], p: [number, number]): tf.Tensor {
  const [N, C, H, W] = x.shape;
  const [, , P, Q] = dy.shape;
  const K = k[0] * k[1];
  let xp = tf.reshape(x, [N * C, H, W, 1]) as tf.Tensor4D;
  if (p[0] + p[1] > 0) xp = tf.pad(xp, [[0, 0], [p[0], p[0]], [p[1], p[1]], [0, 0]], LOWEST);
  if (fastCpuActive()) {
    // fastcpu's own MaxPoolGrad (first maximum, row-major; `output` is unused there, so dy stands in for it).
    const dyN = tf.reshape(dy, [N * C, P, Q, 1]);
    let d = tf.engine().runKernel("MaxPoolGrad", { dy: dyN, input: xp, output: dyN }, { filterSize: k, strides: s, pad: "valid" }) as tf.Tensor;
    if (p[0] + p[1] > 0) d = tf.slice(d, [0, p[0], p[1], 0], [N * C, H, W, 1]);
    return tf.reshape(d, [N, C, H, W]);
  }
  const onehot = tf.reshape(tf.eye(K), [k[0], k[1], 1, K]) as tf.Tensor4D;
  // Tap (i, j) of each window: x·1 plus zeros, so exact for finite values. [NC, P, Q, K]
  const taps = tf.conv2d(xp, onehot, s, "valid");
  // 1 where a tap equals its window's max (compared within one tensor, so no cross-kernel rounding), then the first one.
  const hit = tf.sub(1, tf.step(tf.sub(tf.max(taps, 3, true), taps)));
  const first = tf.mul(hit, tf.step(tf.sub(1.5, tf.cumsum(hit, 3))));
  const g = tf.mul(first, tf.reshape(dy, [N * C, P, Q, 1])) as tf.Tensor4D;
  // Scatter tap (i, j) of output (p, q) back to input (p·s + i, q·s + j): the transposed one-hot convolution.
  let dx: tf.Tensor = tf.conv2dTranspose(g, onehot, [N * C, H + 2 * p[0], W + 2 * p[1], 1], s, "valid");
  if (p[0] + p[1] > 0) dx = tf.slice(dx, [0, p[0], p[1], 0], [N * C, H, W, 1]);
  return tf.reshape(dx, [N, C, H, W]);
}

/**
 * 2-D average pooling, like `torch.nn.functional.avg_pool2d`. x: [N, C, H, W] (or [C, H, W]) → [N, C, H_out, W_out].
 * Zero padding counts in the divisor unless `countIncludePad: false`.
 */
export function avgPool2d(x: Tensor, kernelSize: Pair, opts: Pool2dOptions = {}): Tensor {
  const { k, s, p } = plan("avg_pool2d", x, kernelSize, opts);
  const exclude = opts.countIncludePad === false && p[0] + p[1] > 0;
  return batched(x, (x4) => {
    const [N, C, H, W] = x4.shape;
    // With countIncludePad false, output (p, q) is rescaled by k²/(real cells in its window): [P, Q].
    const rescale = (): tf.Tensor | null => {
      if (!exclude) return null;
      const frac = tf.avgPool(toNhwc(tf.ones([1, 1, H, W]), p, 0), k, s, "valid");
      return tf.div(1, tf.reshape(frac, frac.shape.slice(1, 3)));
    };
    return makeOp(
      "AvgPool2DBackward0",
      [x4],
      () => {
        const y = tf.transpose(tf.avgPool(toNhwc(x4.tfData, p, 0), k, s, "valid"), [0, 3, 1, 2]);
        const r = rescale();
        return r ? tf.mul(y, r) : y;
      },
      (dy) => {
        // Each output spreads dy/k² over its window: a transposed conv with a constant filter (same path on every backend).
        const r = rescale();
        const [, , P, Q] = dy.shape;
        const g = tf.reshape(tf.div(r ? tf.mul(dy, r) : dy, k[0] * k[1]), [N * C, P, Q, 1]) as tf.Tensor4D;
        let dx: tf.Tensor = tf.conv2dTranspose(g, tf.ones([k[0], k[1], 1, 1]) as tf.Tensor4D, [N * C, H + 2 * p[0], W + 2 * p[1], 1], s, "valid");
        if (p[0] + p[1] > 0) dx = tf.slice(dx, [0, p[0], p[1], 0], [N * C, H, W, 1]);
        return [tf.reshape(dx, [N, C, H, W])];
      },
    );
  });
}
