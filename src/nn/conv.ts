// nn.Conv2d: weight [out, in, kH, kW] (PyTorch's layout), PyTorch's default init, repr like PyTorch. Mirrors torch.nn.Conv2d.
import { conv2d, pair, type Conv2dOptions, type Pair, type Tensor } from "../core";
import { empty } from "./empty";
import { defaultLayerInit } from "./init";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { pyTuple } from "./repr";

export interface Conv2dLayerOptions extends Conv2dOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Only "zeros" is supported. */
  paddingMode?: "zeros";
}

/**
 * 2-D convolution over [N, C_in, H, W] images → [N, C_out, H_out, W_out], like `torch.nn.Conv2d`:
 * `new nn.Conv2d(1, 6, 5)`, `new nn.Conv2d(6, 16, 3, { stride: 2, padding: 1 })`; a number after the kernel size
 * is the stride, as in PyTorch's `nn.Conv2d(1, 32, 3, 1)`.
 * H_out = floor((H + 2·padding − dilation·(kH − 1) − 1) / stride) + 1.
 */
export class Conv2d extends Module {
  /** Learnable filters, shape [outChannels, inChannels, kH, kW]. */
  weight: Parameter;
  /** Learnable bias, shape [outChannels], or null with `{ bias: false }`. */
  bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | "same" | "valid";
  readonly dilation: [number, number];
  readonly groups = 1;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    opts: Conv2dLayerOptions | Pair = {},
  ) {
    super();
    const o: Conv2dLayerOptions = typeof opts === "number" || Array.isArray(opts) ? { stride: opts } : opts;
    for (const [k, v] of [["in_channels", inChannels], ["out_channels", outChannels]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`Conv2d(): ${k} must be a positive integer, got ${v}`);
    }
    if ((o.groups ?? 1) !== 1) throw new RangeError(`Conv2d(): groups=${o.groups} is not supported in Gradbook (only groups=1)`);
    if ((o.paddingMode ?? "zeros") !== "zeros") throw new RangeError(`Conv2d(): padding_mode '${o.paddingMode}' is not supported in Gradbook (only 'zeros')`);
    this.kernelSize = pair(kernelSize, "kernel_size", "Conv2d()");
    this.stride = pair(o.stride ?? 1, "stride", "Conv2d()");
    this.dilation = pair(o.dilation ?? 1, "dilation", "Conv2d()");
    const p = o.padding ?? 0;
    if (p === "same" && (this.stride[0] !== 1 || this.stride[1] !== 1)) throw new RangeError("padding='same' is not supported for strided convolutions");
    if (typeof p === "string" && p !== "same" && p !== "valid") throw new RangeError(`Invalid padding string '${p}', should be one of {'valid', 'same'}`);
    this.padding = typeof p === "string" ? p : pair(p, "padding", "Conv2d()", 0);
    this.weight = new Parameter(empty([outChannels, inChannels, ...this.kernelSize]));
    this.bias = o.bias === false ? null : new Parameter(empty([outChannels]));
    defaultLayerInit(this.weight, this.bias);
  }

  /** x: [N, inChannels, H, W] (or unbatched [inChannels, H, W]) → [N, outChannels, H_out, W_out]. */
  override forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    const p = this.padding;
    if (typeof p === "string") s += `, padding=${p}`;
    else if (p[0] !== 0 || p[1] !== 0) s += `, padding=${pyTuple(p)}`;
    if (this.dilation[0] !== 1 || this.dilation[1] !== 1) s += `, dilation=${pyTuple(this.dilation)}`;
    if (!this.bias) s += ", bias=False";
    return s;
  }
}
