// Mirrors torch.optim.AdamW: Adam with decoupled weight decay (p *= 1 - lr * weightDecay before the Adam step).
import { tf } from "../core";
import { adamStep, checkAdamLike, type AdamOptions } from "./adam";
import { Optimizer, type ParamsArg, type WorkState } from "./optimizer";

/** AdamW's options are Adam's; `weightDecay` (default 1e-2) is decoupled from the gradient. */
export type AdamWOptions = AdamOptions;

/** AdamW: `new optim.AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 })`. */
export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: ParamsArg<AdamWOptions>, opts: Partial<AdamWOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false }, opts);
  }

  protected validate(h: AdamWOptions): void {
    checkAdamLike(h);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: AdamWOptions): tf.Tensor {
    const g = h.maximize ? tf.neg(grad) : grad;
    const decayed = h.weightDecay ? tf.mul(p, 1 - h.lr * h.weightDecay) : p;
    return adamStep(decayed, g, st, h);
  }
}
