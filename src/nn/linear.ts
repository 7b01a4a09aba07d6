// nn.Linear (y = xWᵀ + b, weight [out, in]) and nn.Identity. Mirrors torch.nn.Linear.
import { empty } from "./empty";
import { linear } from "./functional";
import { defaultLayerInit } from "./init";
import { Module } from "./module";
import { Parameter } from "./parameter";
import type { Tensor } from "../core";

/** Fully connected layer. Input [*, inFeatures] → output [*, outFeatures]. */
export class Linear extends Module {
  /** Learnable weight, shape [outFeatures, inFeatures] (PyTorch's layout). */
  weight: Parameter;
  /** Learnable bias, shape [outFeatures], or null with `{ bias: false }`. */
  bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: { bias?: boolean } = {},
  ) {
    super();
    for (const [k, v] of [["in_features", inFeatures], ["out_features", outFeatures]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`Linear(): ${k} must be a positive integer, got ${v}`);
    }
    this.weight = new Parameter(empty([outFeatures, inFeatures]));
    this.bias = opts.bias === false ? null : new Parameter(empty([outFeatures]));
    defaultLayerInit(this.weight, this.bias);
  }

  /** x: [*, inFeatures] → [*, outFeatures]. */
  override forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias, "Linear");
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? "True" : "False"}`;
  }
}

/** Returns its input unchanged, like `torch.nn.Identity` (a placeholder layer). Any shape → same shape. */
export class Identity extends Module {
  override forward(x: Tensor): Tensor {
    return x;
  }
}
