// The modern activation modules: GELU, ELU, SELU, SiLU, Softplus. Mirror torch.nn.GELU etc. (same defaults and reprs).
import type { Tensor } from "../core";
import * as F from "./functional-modern";
import { Module } from "./module";
import { pyFloat, pyNumber } from "./repr";

/** GELU, like `torch.nn.GELU(approximate='none')`; `new nn.GELU({ approximate: "tanh" })` for the tanh form. */
export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(opts: { approximate?: "none" | "tanh" } | "none" | "tanh" = {}) {
    super();
    this.approximate = typeof opts === "string" ? opts : (opts.approximate ?? "none");
    if (this.approximate !== "none" && this.approximate !== "tanh") throw new RangeError(`GELU(): approximate must be 'none' or 'tanh', got '${String(this.approximate)}'`);
  }
  override forward(x: Tensor): Tensor {
    return F.gelu(x, this.approximate);
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** ELU, like `torch.nn.ELU(alpha=1.0)`: x for x > 0, α·(eˣ − 1) otherwise. Any shape → same shape. */
export class ELU extends Module {
  readonly alpha: number;
  constructor(opts: { alpha?: number } | number = {}) {
    super();
    this.alpha = typeof opts === "number" ? opts : (opts.alpha ?? 1.0);
  }
  override forward(x: Tensor): Tensor {
    return F.elu(x, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

/** SELU, like `torch.nn.SELU()`: self-normalising, scale·elu(x, α) with fixed constants. */
export class SELU extends Module {
  override forward(x: Tensor): Tensor {
    return F.selu(x);
  }
}

/** SiLU (swish), like `torch.nn.SiLU()`: x·σ(x). */
export class SiLU extends Module {
  override forward(x: Tensor): Tensor {
    return F.silu(x);
  }
}

/** Softplus, like `torch.nn.Softplus(beta=1, threshold=20)`: a smooth ReLU, log(1 + e^(βx))/β. */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(opts: { beta?: number; threshold?: number } | number = {}, threshold?: number) {
    super();
    const o = typeof opts === "number" ? { beta: opts, threshold } : opts;
    this.beta = o.beta ?? 1;
    this.threshold = o.threshold ?? 20;
  }
  override forward(x: Tensor): Tensor {
    return F.softplus(x, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${pyNumber(this.beta)}, threshold=${pyNumber(this.threshold)}`;
  }
}
