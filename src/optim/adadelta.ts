// Mirrors torch.optim.Adadelta: step sizes from running averages of squared gradients and squared updates.
import { tf } from "../core";
import { check, effectiveGrad, ema, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface AdadeltaOptions {
  /** Scales the update (default 1.0). */
  lr: number;
  /** Decay of the running averages (default 0.9). */
  rho: number;
  /** Added inside the square roots for numerical stability (default 1e-6). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** Adadelta: `new optim.Adadelta(model.parameters())`. */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: ParamsArg<AdadeltaOptions>, opts: Partial<AdadeltaOptions> = {}) {
    super(params, { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false }, opts);
  }

  protected validate(h: AdadeltaOptions): void {
    check(h.lr >= 0, "learning rate", h.lr);
    check(h.rho >= 0 && h.rho <= 1, "rho value", h.rho);
    check(h.eps >= 0, "epsilon value", h.eps);
    check(h.weightDecay >= 0, "weight_decay value", h.weightDecay);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: AdadeltaOptions): tf.Tensor {
    const g = effectiveGrad(p, grad, h);
    const squareAvg = ema(st.buffers.squareAvg, tf.square(g), h.rho);
    const std = tf.sqrt(tf.add(squareAvg, h.eps));
    const accPrev = st.buffers.accDelta ?? tf.zerosLike(p);
    const delta = tf.mul(tf.div(tf.sqrt(tf.add(accPrev, h.eps)), std), g);
    st.buffers.squareAvg = squareAvg;
    st.buffers.accDelta = ema(st.buffers.accDelta, tf.square(delta), h.rho);
    return tf.sub(p, tf.mul(delta, h.lr));
  }
}
