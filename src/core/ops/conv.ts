// conv2d in PyTorch's NCHW/OIHW layouts on tfjs's NHWC/HWIO kernels; the backward uses only kernels every backend has.
import { fastCpuActive, tf } from "../backend";
import { makeOp } from "../autograd";
import { Tensor } from "../tensor";
import { reshape } from "./shape";

/** One size for both spatial dims, or `[height, width]`. */
export type Pair = number | [number, number] | number[];

export interface Conv2dOptions {
  /** Step between windows (default 1). */
  stride?: Pair;
  /** Zeros added on each side (default 0), or "same" (stride 1 only) / "valid" (= 0). */
  padding?: Pair | "same" | "valid";
  /** Spacing between kernel taps (default 1). */
  dilation?: Pair;
  /** Only 1 is supported. */
  groups?: number;
}

/** Normalises `2` or `[2, 3]` to `[h, w]`, checking each is an integer ≥ `min`. */
export function pair(v: Pair, what: string, fn: string, min = 1): [number, number] {
  const p = typeof v === "number" ? [v, v] : v;
  if (p.length !== 2 || p.some((n) => !Number.isInteger(n) || n < min)) {
    throw new RangeError(`${fn}: ${what} must be an integer >= ${min} or a pair of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
}

const fmt = (s: number[]): string => `[${s.join(", ")}]`;

/**
 * Inserts `d - 1` zeros between the entries of a rank-4 tensor along `axis` (0 or 1): dilates an HWIO filter,
 * so stride and dilation combine on every backend (tfjs allows only one of them to exceed 1).
 */
export function spread(t: tf.Tensor, axis: 0 | 1, d: number): tf.Tensor {
  if (d === 1) return t;
  const s = t.shape as number[];
  const n = s[axis];
  const outer = s.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = s.slice(axis + 1).reduce((a, b) => a * b, 1);
  const withZeros = tf.concat([tf.reshape(t, [outer, n, 1, inner]), tf.zeros([outer, n, d - 1, inner])], 2);
  const cut = tf.slice(tf.reshape(withZeros, [outer, n * d, inner]), [0, 0, 0], [outer, (n - 1) * d + 1, inner]);
  return tf.reshape(cut, [...s.slice(0, axis), (n - 1) * d + 1, ...s.slice(axis + 1)]);
}

export interface Geometry {
  stride: [number, number];
  dilation: [number, number];
  /** top, bottom, left, right */
  pads: [number, number, number, number];
}

export function convGeometry(k: [number, number], opts: Conv2dOptions): Geometry {
  const fn = "conv2d";
  const stride = pair(opts.stride ?? 1, "stride", fn);
  const dilation = pair(opts.dilation ?? 1, "dilation", fn);
  const p = opts.padding ?? 0;
  if (p === "same") {
    if (stride[0] !== 1 || stride[1] !== 1) throw new RangeError("padding='same' is not supported for strided convolutions");
    // PyTorch puts the odd extra zero on the bottom/right.
    const th = dilation[0] * (k[0] - 1);
    const tw = dilation[1] * (k[1] - 1);
    return { stride, dilation, pads: [th >> 1, th - (th >> 1), tw >> 1, tw - (tw >> 1)] };
  }
  if (typeof p === "string" && p !== "valid") throw new RangeError(`Invalid padding string '${p}', should be one of {'valid', 'same'}`);
  const [ph, pw] = p === "valid" ? [0, 0] : pair(p, "padding", fn, 0);
  return { stride, dilation, pads: [ph, ph, pw, pw] };
}

function checkConv(x: Tensor, weight: Tensor, bias: Tensor | null, opts: Conv2dOptions): void {
  const ws = weight.shape;
  if (weight.ndim !== 4) throw new RangeError(`conv2d: weight must be 4-D [out_channels, in_channels, kH, kW], got ${fmt(ws)}`);
  if ((opts.groups ?? 1) !== 1) throw new RangeError(`conv2d: groups=${opts.groups} is not supported in Gradbook (only groups=1)`);
  if (x.ndim !== 4) {
    throw new RangeError(
      `Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${fmt(x.shape)}. ` +
        `Give it [N, C, H, W], e.g. x.view(-1, ${ws[1]}, H, W)`,
    );
  }
  if (x.shape[1] !== ws[1]) {
    throw new RangeError(
      `Given groups=1, weight of size ${fmt(ws)}, expected input${fmt(x.shape)} to have ${ws[1]} channels, but got ${x.shape[1]} channels instead. ` +
        `The layer takes ${ws[1]}-channel images [N, ${ws[1]}, H, W]: change in_channels to ${x.shape[1]} or reshape the input`,
    );
  }
  if (x.dtype !== "float32" || weight.dtype !== "float32") {
    throw new TypeError(`conv2d: input type (${x.dtype}) and weight type (${weight.dtype}) should be float32; call x.float()`);
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== ws[0])) {
    throw new RangeError(`conv2d: bias must have shape [${ws[0]}] (out_channels), got ${fmt(bias.shape)}`);
  }
}

/**
 * 2-D convolution (cross-correlation), like `torch.nn.functional.conv2d`.
 * x: [N, C, H, W] (or unbatched [C, H, W]); weight: [O, C, kH, kW]; bias: [O] → [N, O, H_out, W_out],
 * H_out = floor((H + 2·padding − dilation·(kH − 1) − 1) / stride) + 1.
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: Conv2dOptions = {}): Tensor {
  if (x.ndim === 3 && weight.ndim === 4) {
    if (x.shape[0] !== weight.shape[1]) {
      const ws = weight.shape;
      throw new RangeError(
        `Given groups=1, weight of size ${fmt(ws)}, expected input${fmt([1, ...x.shape])} to have ${ws[1]} channels, but got ${x.shape[0]} channels instead. ` +
          `A 3-D input is read as one unbatched image [C, H, W]; for a batch of ${ws[1]}-channel images use [N, ${ws[1]}, H, W], e.g. x.unsqueeze(1)`,
      );
    }
    const y = conv2d(reshape(x, [1, ...x.shape]), weight, bias, opts);
    return reshape(y, y.shape.slice(1));
  }
  checkConv(x, weight, bias, opts);
  const [N, C, H, W] = x.shape;
  const [O, , kH, kW] = weight.shape;
  const { stride, dilation, pads } = convGeometry([kH, kW], opts);
  const [pt, pb, pl, pr] = pads;
  const kHe = (kH - 1) * dilation[0] + 1;
  const kWe = (kW - 1) * dilation[1] + 1;
  const Hp = H + pt + pb;
  const Wp = W + pl + pr;
  if (Hp < kHe || Wp < kWe) {
    throw new RangeError(
      `Calculated padded input size per channel: (${Hp} x ${Wp}). Kernel size: (${kHe} x ${kWe}). Kernel size can't be greater than actual input size`,
    );
  }
  const padded = pt + pb + pl + pr > 0;
  /** Input as NHWC, zero-padded (one channel: NCHW and NHWC are the same bytes, so a reshape, not a copy). */
  const xPad = (): tf.Tensor4D => {
    const t = (C === 1 ? tf.reshape(x.tfData, [N, H, W, 1]) : tf.transpose(x.tfData, [0, 2, 3, 1])) as tf.Tensor4D;
    return padded ? tf.pad(t, [[0, 0], [pt, pb], [pl, pr], [0, 0]]) : t;
  };
  // Stride 1, no dilation, on XNNPACK: the bias is added in the convolution's store instead of a pass of its own.
  const fuseBias = bias !== null && fusedConvBackend() && stride.every((v) => v === 1) && dilation.every((v) => v === 1);
  /** Weight as HWIO with the dilation written out as zeros. */
  const filter = (): tf.Tensor4D => spread(spread(tf.transpose(weight.tfData, [2, 3, 1, 0]), 0, dilation[0]), 1, dilation[1]) as tf.Tensor4D;
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return makeOp(
    "ConvolutionBackward0",
    inputs,
    () => {
      const h = fuseBias && bias ? fusedConv2d(xPad(), filter(), bias.tfData, false) : tf.conv2d(xPad(), filter(), stride, "valid");
      const [n, oh, ow] = h.shape;
      const y = O === 1 ? tf.reshape(h, [n, 1, oh, ow]) : tf.transpose(h, [0, 3, 1, 2]);
      return bias && !fuseBias ? tf.add(y, tf.reshape(bias.tfData, [1, O, 1, 1])) : y;
    },
    (dy) => {
      const dyN = tf.transpose(dy, [0, 2, 3, 1]) as tf.Tensor4D;
      let dx: tf.Tensor | null = null;
      if (x.requiresGrad) {
        const g = tf.conv2dTranspose(dyN, filter(), [N, Hp, Wp, C], stride, "valid");
        dx = tf.transpose(padded ? tf.slice(g, [0, pt, pl, 0], [N, H, W, C]) : g, [0, 3, 1, 2]);
      }
      const dw = weight.requiresGrad ? filterGrad(xPad(), dyN, [C, kHe, kWe, O], stride, dilation) : null;
      const db = bias?.requiresGrad ? tf.sum(dy, [0, 2, 3]) : null;
      return bias ? [dx, dw, db] : [dx, dw];
    },
  );
}

/** True where FusedConv2D (bias and ReLU in the convolution's store) is XNNPACK's: fastcpu and wasm. */
export function fusedConvBackend(): boolean {
  const b = tf.getBackend();
  return b === "fastcpu" || b === "wasm";
}

/**
 * x: [N, H, W, C] ⊛ filter [kH, kW, C, O] + bias [O] (then ReLU), stride 1, no padding, as one FusedConv2D kernel
 * (called directly: tf.fused.conv2d would wrap it in a custom-gradient scope nobody uses here). fastcpu/wasm only.
 */
export function fusedConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor | null, relu: boolean): tf.Tensor4D {
  const attrs = { strides: [1, 1], pad: "valid", dataFormat: "NHWC", dilations: [1, 1], activation: relu ? "relu" : "linear" };
  return tf.engine().runKernel("FusedConv2D", { x, filter, ...(bias ? { bias } : {}) }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/**
 * dL/dweight. fastcpu, webgl and webgpu have a real Conv2DBackpropFilter kernel; tfjs-wasm has none and tfjs-cpu's is
 * slow, so there it is a forward convolution: dW[o, c, i, j] = Σ_{n,p,q} xPad[n, c, i + p·s, j + q·s] · dy[n, o, p, q],
 * a conv of the input (channels as the batch, the batch as channels) with dy as the filter, dilated by the stride
 * (15–100× faster than tfjs-cpu's kernel, 3–20× faster on wasm than im2col + matMul). On webgl/webgpu the kernel is the
 * faster one: the LeNet CNN's training step at batch 64 went from 392 to 311 ms (webgl) and 4102 to 3029 ms (webgpu),
 * both on SwiftShader here.
 */
const NATIVE_FILTER_GRAD = new Set(["webgl", "webgpu"]);

export function filterGrad(xPad: tf.Tensor4D, dyN: tf.Tensor4D, dims: number[], stride: [number, number], dilation: [number, number]): tf.Tensor {
  const [C, kHe, kWe, O] = dims;
  if (fastCpuActive() || NATIVE_FILTER_GRAD.has(tf.getBackend())) {
    // The backend's own Conv2DBackpropFilter (fastcpu's: im2colᵀ · dy in SIMD); HWIO [kHe, kWe, C, O].
    let h = tf.engine().runKernel("Conv2DBackpropFilter", { x: xPad, dy: dyN }, { strides: stride, pad: "valid", dataFormat: "NHWC", filterShape: [kHe, kWe, C, O] }) as tf.Tensor;
    if (dilation[0] > 1 || dilation[1] > 1) h = tf.stridedSlice(h, [0, 0, 0, 0], [kHe, kWe, C, O], [dilation[0], dilation[1], 1, 1]);
    return tf.transpose(h, [3, 2, 0, 1]);
  }
  const xT = tf.transpose(xPad, [3, 1, 2, 0]) as tf.Tensor4D; // [C, Hp, Wp, N]
  const f = tf.transpose(dyN, [1, 2, 0, 3]) as tf.Tensor4D; // [P, Q, N, O]
  let g: tf.Tensor = tf.conv2d(xT, f, 1, "valid", "NHWC", stride); // [C, ≥kHe, ≥kWe, O]
  g = tf.slice(g, [0, 0, 0, 0], [C, kHe, kWe, O]);
  if (dilation[0] > 1 || dilation[1] > 1) g = tf.stridedSlice(g, [0, 0, 0, 0], [C, kHe, kWe, O], [1, dilation[0], dilation[1], 1]);
  return tf.transpose(g, [3, 0, 1, 2]);
}
