// Mirrors torch.optim.Adamax: Adam with the infinity norm in place of the second moment.
import { tf } from "../core";
import { checkAdamLike } from "./adam";
import { effectiveGrad, ema, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface AdamaxOptions {
  /** Learning rate (default 2e-3). */
  lr: number;
  /** Coefficients of the running average and the infinity norm (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the norm for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** Adamax: `new optim.Adamax(model.parameters(), { lr: 2e-3 })`. */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: ParamsArg<AdamaxOptions>, opts: Partial<AdamaxOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false }, opts);
  }

  protected validate(h: AdamaxOptions): void {
    checkAdamLike(h);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: AdamaxOptions): tf.Tensor {
    const [b1, b2] = h.betas;
    const g = effectiveGrad(p, grad, h);
    const m = ema(st.buffers.expAvg, g, b1);
    const normNew = tf.add(tf.abs(g), h.eps);
    const expInf = st.buffers.expInf ? tf.maximum(tf.mul(st.buffers.expInf, b2), normNew) : normNew;
    st.buffers.expAvg = m;
    st.buffers.expInf = expInf;
    const clr = h.lr / (1 - b1 ** st.step);
    return tf.sub(p, tf.mul(tf.div(m, expInf), clr));
  }
}
