// nn.MaxPool2d and nn.AvgPool2d (stride defaults to the kernel size). Mirror torch.nn.MaxPool2d / AvgPool2d.
import { avgPool2d, maxPool2d, type Pair, type Pool2dOptions, type Tensor } from "../core";
import { Module } from "./module";
import { pyTuple } from "./repr";

/** A size as the user gave it, printed like Python: `2` or `(3, 2)`. */
const show = (v: Pair): string => (typeof v === "number" ? String(v) : pyTuple(v));

function options(strideOrOpts: Pair | Pool2dOptions | null | undefined): Pool2dOptions {
  if (strideOrOpts == null) return {};
  return typeof strideOrOpts === "number" || Array.isArray(strideOrOpts) ? { stride: strideOrOpts } : strideOrOpts;
}

/**
 * Max over each kernel window: [N, C, H, W] → [N, C, H_out, W_out], like `torch.nn.MaxPool2d`.
 * `new nn.MaxPool2d(2)` halves H and W; `new nn.MaxPool2d(3, { stride: 2, padding: 1 })`; `new nn.MaxPool2d(2, 2)`.
 */
export class MaxPool2d extends Module {
  readonly stride: Pair;
  readonly padding: Pair;

  constructor(
    readonly kernelSize: Pair,
    strideOrOpts: Pair | Pool2dOptions | null = null,
  ) {
    super();
    const o = options(strideOrOpts);
    this.stride = o.stride ?? kernelSize;
    this.padding = o.padding ?? 0;
    // Validate now (dilation, ceilMode) rather than at the first forward.
    if (o.dilation !== undefined && o.dilation !== 1) throw new RangeError("MaxPool2d: dilation other than 1 is not supported in Gradbook");
    if (o.ceilMode) throw new RangeError("MaxPool2d: ceil_mode=True is not supported in Gradbook; pad the input instead");
  }

  /** x: [N, C, H, W] or [C, H, W]. */
  override forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding });
  }

  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}, dilation=1, ceil_mode=False`;
  }
}

/**
 * Mean over each kernel window: [N, C, H, W] → [N, C, H_out, W_out], like `torch.nn.AvgPool2d`.
 * Zero padding counts in the divisor unless `{ countIncludePad: false }`.
 */
export class AvgPool2d extends Module {
  readonly stride: Pair;
  readonly padding: Pair;
  readonly countIncludePad: boolean;

  constructor(
    readonly kernelSize: Pair,
    strideOrOpts: Pair | Pool2dOptions | null = null,
  ) {
    super();
    const o = options(strideOrOpts);
    this.stride = o.stride ?? kernelSize;
    this.padding = o.padding ?? 0;
    this.countIncludePad = o.countIncludePad ?? true;
    if (o.ceilMode) throw new RangeError("AvgPool2d: ceil_mode=True is not supported in Gradbook; pad the input instead");
  }

  /** x: [N, C, H, W] or [C, H, W]. */
  override forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding, countIncludePad: this.countIncludePad });
  }

  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}`;
  }
}
