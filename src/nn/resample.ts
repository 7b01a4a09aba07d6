// nn.AdaptiveAvgPool2d and nn.Upsample (nearest, bilinear). Mirror torch.nn.AdaptiveAvgPool2d / Upsample (same reprs).
import type { Tensor } from "../core";
import * as F from "./functional-modern";
import { Module } from "./module";
import { pyFloat } from "./repr";

const pySize = (v: number | null): string => (v === null ? "None" : String(v));

/**
 * Average pooling to a fixed output size whatever the input size, like `torch.nn.AdaptiveAvgPool2d(output_size)`:
 * `new nn.AdaptiveAvgPool2d([1, 1])` (global average pooling), `new nn.AdaptiveAvgPool2d(7)`; null keeps that input size.
 */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | Array<number | null>) {
    super();
    const o = typeof outputSize === "number" ? [outputSize] : outputSize;
    if (!Array.isArray(o) || (typeof outputSize !== "number" && o.length !== 2) || o.some((v) => v !== null && (!Number.isInteger(v) || v < 1))) {
      throw new RangeError(`AdaptiveAvgPool2d(): output_size must be a positive integer or a pair (null keeps the input size), got ${JSON.stringify(outputSize)}`);
    }
  }
  /** [N, C, H, W] → [N, C, oH, oW]. */
  override forward(x: Tensor): Tensor {
    return F.adaptiveAvgPool2d(x, this.outputSize);
  }
  override extraRepr(): string {
    const o = this.outputSize;
    return `output_size=${typeof o === "number" ? o : `(${o.map(pySize).join(", ")})`}`;
  }
}

export interface UpsampleOptions {
  /** Output [H, W] (or one size for both). Give this or scaleFactor. */
  size?: number | number[];
  /** Multiplier for H and W (or [sH, sW]). */
  scaleFactor?: number | number[];
  /** "nearest" (default) or "bilinear". */
  mode?: "nearest" | "bilinear";
  /** bilinear only (default false). */
  alignCorners?: boolean;
}

/**
 * Upsamples images, like `torch.nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None)`:
 * `new nn.Upsample({ scaleFactor: 2, mode: "bilinear" })`. [N, C, H, W] → [N, C, H_out, W_out].
 */
export class Upsample extends Module {
  readonly size: number | number[] | null;
  readonly scaleFactor: number | number[] | null;
  readonly mode: "nearest" | "bilinear";
  readonly alignCorners: boolean | null;

  constructor(opts: UpsampleOptions = {}) {
    super();
    this.size = opts.size ?? null;
    this.scaleFactor = opts.scaleFactor ?? null;
    this.mode = opts.mode ?? "nearest";
    this.alignCorners = opts.alignCorners ?? null;
    if (this.mode !== "nearest" && this.mode !== "bilinear") throw new RangeError(`Upsample(): mode '${String(this.mode)}' is not supported in Gradbook; use 'nearest' or 'bilinear'`);
    if ((this.size === null) === (this.scaleFactor === null)) {
      throw new RangeError("Upsample(): give exactly one of size or scaleFactor, e.g. new nn.Upsample({ scaleFactor: 2 })");
    }
  }

  override forward(x: Tensor): Tensor {
    return F.interpolate(x, { size: this.size, scaleFactor: this.scaleFactor, mode: this.mode, alignCorners: this.alignCorners });
  }

  override extraRepr(): string {
    const sf = this.scaleFactor;
    const info = sf !== null
      ? `scale_factor=${typeof sf === "number" ? pyFloat(sf) : `(${sf.map(pyFloat).join(", ")})`}`
      : `size=${typeof this.size === "number" ? this.size : `(${this.size!.join(", ")})`}`;
    return `${info}, mode=${this.mode}`;
  }
}
