// conv1d and conv_transpose2d, built on conv2d: a 1-D convolution is a 2-D one of height 1; a transposed convolution is
// a convolution of the stride-spread, padded input with the flipped, in/out-swapped filter (the adjoint of conv2d).
import { tf } from "../backend";
import { Tensor } from "../tensor";
import { conv2d, pair, type Pair } from "./conv";
import { cat } from "./join";
import { reshape, squeeze, transpose, unsqueeze } from "./shape";
import { flip, narrow } from "./slicing";

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

/** Inserts stride − 1 zeros between the entries of `x` along `dim`. */
function spreadDim(x: Tensor, dim: number, s: number): Tensor {
  if (s === 1) return x;
  const shape = x.shape;
  const n = shape[dim];
  const withAxis = unsqueeze(x, dim + 1);
  const zerosShape = withAxis.shape;
  zerosShape[dim + 1] = s - 1;
  const spread = reshape(cat([withAxis, new Tensor(tf.zeros(zerosShape))], dim + 1), [...shape.slice(0, dim), n * s, ...shape.slice(dim + 1)]);
  return narrow(spread, dim, 0, (n - 1) * s + 1);
}

/** Adds `lo`/`hi` zeros along `dim` (a negative amount crops). */
function padDim(x: Tensor, dim: number, lo: number, hi: number): Tensor {
  let r = x;
  const zeros = (k: number) => {
    const s = r.shape;
    s[dim] = k;
    return new Tensor(tf.zeros(s));
  };
  if (lo < 0) r = narrow(r, dim, -lo, r.shape[dim] + lo);
  if (hi < 0) r = narrow(r, dim, 0, r.shape[dim] + hi);
  if (lo > 0) r = cat([zeros(lo), r], dim);
  if (hi > 0) r = cat([r, zeros(hi)], dim);
  return r;
}

/**
 * Transposed 2-D convolution ("deconvolution"), like `F.conv_transpose2d(input, weight, bias, stride, padding,
 * output_padding, groups, dilation)`. x: [N, C_in, H, W] (or unbatched); weight: [C_in, C_out, kH, kW]; bias: [C_out]
 * → [N, C_out, H_out, W_out], H_out = (H − 1)·stride − 2·padding + dilation·(kH − 1) + output_padding + 1.
 */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTranspose2dOptions = {}): Tensor {
  const fn = "conv_transpose2d";
  if (weight.ndim !== 4) throw new RangeError(`${fn}: weight must be 4-D [in_channels, out_channels, kH, kW], got ${fmt(weight.shape)}`);
  if ((opts.groups ?? 1) !== 1) throw new RangeError(`${fn}: groups=${opts.groups} is not supported in Gradbook (only groups=1)`);
  if (x.ndim === 3) return squeeze(convTranspose2d(unsqueeze(x, 0), weight, bias, opts), 0);
  if (x.ndim !== 4) throw new RangeError(`Expected 3D (unbatched) or 4D (batched) input to ${fn}, but got input of size: ${fmt(x.shape)}`);
  const [Cin, , kH, kW] = weight.shape;
  if (x.shape[1] !== Cin) {
    throw new RangeError(`Given transposed=1, weight of size ${fmt(weight.shape)}, expected input${fmt(x.shape)} to have ${Cin} channels, but got ${x.shape[1]} channels instead`);
  }
  const stride = pair(opts.stride ?? 1, "stride", fn);
  const padding = pair(opts.padding ?? 0, "padding", fn, 0);
  const outPad = pair(opts.outputPadding ?? 0, "output_padding", fn, 0);
  const dilation = pair(opts.dilation ?? 1, "dilation", fn);
  for (const d of [0, 1]) {
    if (outPad[d] >= stride[d] && outPad[d] >= dilation[d]) {
      throw new RangeError(`${fn}: output padding must be smaller than either stride or dilation, but got output_padding: ${pyPair(outPad)}, stride: ${pyPair(stride)}, dilation: ${pyPair(dilation)}`);
    }
  }
  const k = [kH, kW];
  let z = spreadDim(spreadDim(x, 2, stride[0]), 3, stride[1]);
  for (const d of [0, 1]) {
    const edge = dilation[d] * (k[d] - 1) - padding[d];
    z = padDim(z, 2 + d, edge, edge + outPad[d]);
    if (z.shape[2 + d] < dilation[d] * (k[d] - 1) + 1) {
      throw new RangeError(`${fn}: padding ${pyPair(padding)} is too large for input ${fmt(x.shape)} and kernel ${pyPair([kH, kW])}; the output would be empty`);
    }
  }
  const w = transpose(flip(weight, [2, 3]), 0, 1);
  return conv2d(z, w, bias, { dilation });
}

function pyPair(p: number[]): string {
  return `(${p.join(", ")})`;
}
