// conv1d and conv_transpose2d: a 1-D convolution is a 2-D one of height 1; a transposed convolution runs tfjs's
// conv2dTranspose forward, and conv2d's kernels (input and filter gradients) backward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import type { Tensor } from "../tensor";
import { conv2d, filterGrad, pair, spread, type Pair } from "./conv";
import { squeeze, unsqueeze } from "./shape";

const fmt = (s: number[]): string => `[${s.join(", ")}]`;

function single(v: number | number[] | undefined, what: string, fn: string, min: number, dflt: number): number {
  const n = v === undefined ? dflt : Array.isArray(v) ? (v.length === 1 ? v[0] : NaN) : v;
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${fn}: ${what} must be an integer >= ${min} (or a one-element list), got ${JSON.stringify(v)}`);
  return n;
}

export interface Conv1dOptions {
  /** Step between windows (default 1). */
  stride?: number | number[];
  /** Zeros added on each side (default 0), or "same" (stride 1) / "valid". */
  padding?: number | number[] | "same" | "valid";
  /** Spacing between kernel taps (default 1). */
  dilation?: number | number[];
}

/**
 * 1-D convolution, like `F.conv1d(input, weight, bias, stride, padding, dilation)`.
 * x: [N, C, L] (or unbatched [C, L]); weight: [O, C, k]; bias: [O] → [N, O, L_out].
 */
export function conv1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: Conv1dOptions = {}): Tensor {
  const fn = "conv1d";
  if (weight.ndim !== 3) throw new RangeError(`${fn}: weight must be 3-D [out_channels, in_channels, kernel_size], got ${fmt(weight.shape)}`);
  if (x.ndim === 2) return squeeze(conv1d(unsqueeze(x, 0), weight, bias, opts), 0);
  if (x.ndim !== 3) throw new RangeError(`Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: ${fmt(x.shape)}`);
  const p = opts.padding ?? 0;
  const padding = typeof p === "string" ? p : [0, single(p, "padding", fn, 0, 0)];
  const y = conv2d(unsqueeze(x, 2), unsqueeze(weight, 2), bias, {
    stride: [1, single(opts.stride, "stride", fn, 1, 1)],
    dilation: [1, single(opts.dilation, "dilation", fn, 1, 1)],
    padding,
  });
  return squeeze(y, 2);
}

export interface ConvTranspose2dOptions {
  /** Stride of the forward convolution this inverts (default 1). */
  stride?: Pair;
  /** dilation·(kernel − 1) − padding zeros are added on each side of the input (default 0). */
  padding?: Pair;
  /** Extra rows/columns on the bottom/right of the output (default 0; must be < stride or dilation). */
  outputPadding?: Pair;
  /** Spacing between kernel taps (default 1). */
  dilation?: Pair;
  /** Only 1 is supported. */
  groups?: number;
}

/** Rows [lo, lo + size) of dim 1 and [left, left + width) of dim 2 of an NHWC tensor, zeros where they pass its end. */
function window(t: tf.Tensor4D, lo: number, size: number, left: number, width: number): tf.Tensor4D {
  const [, H, W] = t.shape;
  const take = (v: tf.Tensor4D, axis: 1 | 2, start: number, n: number, have: number): tf.Tensor4D => {
    const lead = Math.max(0, -start);
    const from = Math.max(0, start);
    const avail = Math.max(0, Math.min(have - from, n - lead));
    const begin = [0, 0, 0, 0];
    begin[axis] = from;
    const sz = [-1, -1, -1, -1];
    sz[axis] = avail;
    const part = tf.slice(v, begin, sz);
    const pads: Array<[number, number]> = [[0, 0], [0, 0], [0, 0], [0, 0]];
    pads[axis] = [lead, n - lead - avail];
    return pads[axis][0] || pads[axis][1] ? tf.pad(part, pads) : part;
  };
  return take(take(t, 1, lo, size, H), 2, left, width, W);
}

/**
 * Transposed 2-D convolution ("deconvolution"), like `F.conv_transpose2d(input, weight, bias, stride, padding,
 * output_padding, groups, dilation)`. x: [N, C_in, H, W] (or unbatched); weight: [C_in, C_out, kH, kW]; bias: [C_out]
 * → [N, C_out, H_out, W_out], H_out = (H − 1)·stride − 2·padding + dilation·(kH − 1) + output_padding + 1.
 * tfjs's conv2dTranspose makes the uncropped output; the input gradient is a conv2d with the same filter and the filter
 * gradient is conv2d's, with the roles of input and output swapped (so every backend has the kernels it needs).
 */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTranspose2dOptions = {}): Tensor {
  const fn = "conv_transpose2d";
  if (weight.ndim !== 4) throw new RangeError(`${fn}: weight must be 4-D [in_channels, out_channels, kH, kW], got ${fmt(weight.shape)}`);
  if ((opts.groups ?? 1) !== 1) throw new RangeError(`${fn}: groups=${opts.groups} is not supported in Gradbook (only groups=1)`);
  if (x.ndim === 3) return squeeze(convTranspose2d(unsqueeze(x, 0), weight, bias, opts), 0);
  if (x.ndim !== 4) throw new RangeError(`Expected 3D (unbatched) or 4D (batched) input to ${fn}, but got input of size: ${fmt(x.shape)}`);
  if (x.dtype !== "float32" || weight.dtype !== "float32") throw new TypeError(`${fn}: input (${x.dtype}) and weight (${weight.dtype}) should be float32; call x.float()`);
  const [Cin, Cout, kH, kW] = weight.shape;
  if (x.shape[1] !== Cin) {
    throw new RangeError(`Given transposed=1, weight of size ${fmt(weight.shape)}, expected input${fmt(x.shape)} to have ${Cin} channels, but got ${x.shape[1]} channels instead`);
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== Cout)) throw new RangeError(`${fn}: bias must have shape [${Cout}] (out_channels), got ${fmt(bias.shape)}`);
  const stride = pair(opts.stride ?? 1, "stride", fn);
  const padding = pair(opts.padding ?? 0, "padding", fn, 0);
  const outPad = pair(opts.outputPadding ?? 0, "output_padding", fn, 0);
  const dilation = pair(opts.dilation ?? 1, "dilation", fn);
  for (const d of [0, 1]) {
    if (outPad[d] >= stride[d] && outPad[d] >= dilation[d]) {
      throw new RangeError(`${fn}: output padding must be smaller than either stride or dilation, but got output_padding: ${pyPair(outPad)}, stride: ${pyPair(stride)}, dilation: ${pyPair(dilation)}`);
    }
  }
  const [N, , H, W] = x.shape;
  const kHe = dilation[0] * (kH - 1) + 1;
  const kWe = dilation[1] * (kW - 1) + 1;
  const full = [(H - 1) * stride[0] + kHe, (W - 1) * stride[1] + kWe];
  const out = [full[0] - 2 * padding[0] + outPad[0], full[1] - 2 * padding[1] + outPad[1]];
  if (out[0] < 1 || out[1] < 1) throw new RangeError(`${fn}: padding ${pyPair(padding)} is too large: the output would be ${out[0]}×${out[1]} for input ${fmt(x.shape)}`);
  /** The weight as tfjs's conv2dTranspose filter [kHe, kWe, C_out, C_in], dilation written out as zeros. */
  const filter = (): tf.Tensor4D => spread(spread(tf.transpose(weight.tfData, [2, 3, 1, 0]), 0, dilation[0]), 1, dilation[1]) as tf.Tensor4D;
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return makeOp(
    "ConvolutionBackward0",
    inputs,
    () => {
      const xN = tf.transpose(x.tfData, [0, 2, 3, 1]) as tf.Tensor4D;
      const y = tf.conv2dTranspose(xN, filter(), [N, full[0], full[1], Cout], stride, "valid");
      const cut = tf.transpose(window(y, padding[0], out[0], padding[1], out[1]), [0, 3, 1, 2]);
      return bias ? tf.add(cut, tf.reshape(bias.tfData, [1, Cout, 1, 1])) : cut;
    },
    (dy) => {
      // dy back on the uncropped grid: the cropped border and the output padding get no gradient.
      const dyFull = window(tf.transpose(dy, [0, 2, 3, 1]) as tf.Tensor4D, -padding[0], full[0], -padding[1], full[1]);
      const dx = x.requiresGrad ? tf.transpose(tf.conv2d(dyFull, filter(), stride, "valid"), [0, 3, 1, 2]) : null;
      const xN = tf.transpose(x.tfData, [0, 2, 3, 1]) as tf.Tensor4D;
      const dw = weight.requiresGrad ? filterGrad(dyFull, xN, [Cout, kHe, kWe, Cin], stride, dilation) : null;
      const db = bias?.requiresGrad ? tf.sum(dy, [0, 2, 3]) : null;
      return bias ? [dx, dw, db] : [dx, dw];
    },
  );
}

function pyPair(p: number[]): string {
  return `(${p.join(", ")})`;
}
