// nn.Dropout: zeroes elements with probability p in training (seeded by manualSeed), identity in eval. Mirrors torch.nn.Dropout.
import { dropout, type Tensor } from "../core";
import { Module } from "./module";
import { pyNumber } from "./repr";

/**
 * During training, zeroes each element with probability `p` and scales the others by 1/(1 − p);
 * after `model.eval()` it passes the input through unchanged. Any shape → same shape.
 */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  }

  override forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${pyNumber(this.p)}, inplace=False`;
  }
}
