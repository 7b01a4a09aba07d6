// nn.Conv1d and nn.ConvTranspose2d: PyTorch's weight layouts, default init and reprs. Mirror torch.nn.Conv1d / ConvTranspose2d.
import { pair, type Pair, type Tensor } from "../core";
import { empty } from "./empty";
import * as F from "./functional-modern";
import { defaultLayerInit, kaimingUniform_, uniform_ } from "./init";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { pyTuple } from "./repr";

function positiveChannels(cls: string, inChannels: number, outChannels: number): void {
  for (const [k, v] of [["in_channels", inChannels], ["out_channels", outChannels]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${cls}(): ${k} must be a positive integer, got ${v}`);
  }
}

function one(v: number | number[] | undefined, what: string, min: number, dflt: number): number {
  const n = v === undefined ? dflt : Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) throw new RangeError(`Conv1d(): ${what} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

export interface Conv1dLayerOptions {
  stride?: number | number[];
  padding?: number | number[] | "same" | "valid";
  dilation?: number | number[];
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Only 1 is supported. */
  groups?: number;
}

/**
 * 1-D convolution over sequences [N, C_in, L] → [N, C_out, L_out], like `torch.nn.Conv1d(in, out, kernel_size)`:
 * `new nn.Conv1d(16, 33, 3, { stride: 2 })`; weight [out, in, k].
 */
export class Conv1d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number | "same" | "valid";
  readonly dilation: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | number[],
    opts: Conv1dLayerOptions | number = {},
  ) {
    super();
    const o = typeof opts === "number" ? { stride: opts } : opts;
    positiveChannels("Conv1d", inChannels, outChannels);
    if ((o.groups ?? 1) !== 1) throw new RangeError(`Conv1d(): groups=${o.groups} is not supported in Gradbook (only groups=1)`);
    this.kernelSize = one(kernelSize, "kernel_size", 1, 1);
    this.stride = one(o.stride, "stride", 1, 1);
    this.dilation = one(o.dilation, "dilation", 1, 1);
    const p = o.padding ?? 0;
    if (typeof p === "string" && p !== "same" && p !== "valid") throw new RangeError(`Invalid padding string '${p}', should be one of {'valid', 'same'}`);
    if (p === "same" && this.stride !== 1) throw new RangeError("padding='same' is not supported for strided convolutions");
    this.padding = typeof p === "string" ? p : one(p, "padding", 0, 0);
    this.weight = new Parameter(empty([outChannels, inChannels, this.kernelSize]));
    this.bias = o.bias === false ? null : new Parameter(empty([outChannels]));
    defaultLayerInit(this.weight, this.bias);
  }

  /** x: [N, inChannels, L] (or unbatched [inChannels, L]) → [N, outChannels, L_out]. */
  override forward(x: Tensor): Tensor {
    return F.conv1d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize},), stride=(${this.stride},)`;
    if (typeof this.padding === "string") s += `, padding=${this.padding}`;
    else if (this.padding !== 0) s += `, padding=(${this.padding},)`;
    if (this.dilation !== 1) s += `, dilation=(${this.dilation},)`;
    if (!this.bias) s += ", bias=False";
    return s;
  }
}

export interface ConvTranspose2dLayerOptions {
  stride?: Pair;
  padding?: Pair;
  outputPadding?: Pair;
  dilation?: Pair;
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Only 1 is supported. */
  groups?: number;
}

/**
 * Transposed 2-D convolution (learned upsampling), like `torch.nn.ConvTranspose2d(in, out, kernel_size, stride=1,
 * padding=0, output_padding=0)`: [N, C_in, H, W] → [N, C_out, H_out, W_out] with
 * H_out = (H − 1)·stride − 2·padding + dilation·(kH − 1) + output_padding + 1. Weight [in, out, kH, kW] (PyTorch's layout).
 * `new nn.ConvTranspose2d(16, 8, 3, { stride: 2, padding: 1, outputPadding: 1 })` doubles H and W.
 */
export class ConvTranspose2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    opts: ConvTranspose2dLayerOptions | Pair = {},
  ) {
    super();
    const o: ConvTranspose2dLayerOptions = typeof opts === "number" || Array.isArray(opts) ? { stride: opts } : opts;
    const fn = "ConvTranspose2d()";
    positiveChannels("ConvTranspose2d", inChannels, outChannels);
    if ((o.groups ?? 1) !== 1) throw new RangeError(`ConvTranspose2d(): groups=${o.groups} is not supported in Gradbook (only groups=1)`);
    this.kernelSize = pair(kernelSize, "kernel_size", fn);
    this.stride = pair(o.stride ?? 1, "stride", fn);
    this.padding = pair(o.padding ?? 0, "padding", fn, 0);
    this.outputPadding = pair(o.outputPadding ?? 0, "output_padding", fn, 0);
    this.dilation = pair(o.dilation ?? 1, "dilation", fn);
    this.weight = new Parameter(empty([inChannels, outChannels, ...this.kernelSize]));
    this.bias = o.bias === false ? null : new Parameter(empty([outChannels]));
    // PyTorch's reset_parameters: kaiming_uniform(a=√5) on the weight; the bias bound uses fan_in = weight.size(1)·kH·kW.
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const fanIn = outChannels * this.kernelSize[0] * this.kernelSize[1];
      uniform_(this.bias, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
    }
  }

  /** x: [N, inChannels, H, W] (or unbatched) → [N, outChannels, H_out, W_out]. */
  override forward(x: Tensor): Tensor {
    return F.convTranspose2d(x, this.weight, this.bias, {
      stride: this.stride, padding: this.padding, outputPadding: this.outputPadding, dilation: this.dilation,
    });
  }

  override extraRepr(): string {
    const nz = (p: number[], d: number) => p[0] !== d || p[1] !== d;
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (nz(this.padding, 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (nz(this.dilation, 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (nz(this.outputPadding, 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (!this.bias) s += ", bias=False";
    return s;
  }
}
