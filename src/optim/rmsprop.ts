// Mirrors torch.optim.RMSprop: divides by a running RMS of gradients; optional momentum and centering.
import { tf } from "../core";
import { check, effectiveGrad, ema, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface RMSpropOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Smoothing constant of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Normalize by an estimate of the gradient's variance instead of its second moment (default false). */
  centered: boolean;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** RMSprop: `new optim.RMSprop(model.parameters(), { lr: 0.01 })`. */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsArg<RMSpropOptions>, opts: Partial<RMSpropOptions> = {}) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false }, opts);
  }

  protected validate(h: RMSpropOptions): void {
    check(h.lr >= 0, "learning rate", h.lr);
    check(h.eps >= 0, "epsilon value", h.eps);
    check(h.momentum >= 0, "momentum value", h.momentum);
    check(h.weightDecay >= 0, "weight_decay value", h.weightDecay);
    check(h.alpha >= 0, "alpha value", h.alpha);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: RMSpropOptions): tf.Tensor {
    const g = effectiveGrad(p, grad, h);
    const squareAvg = ema(st.buffers.squareAvg, tf.square(g), h.alpha);
    st.buffers.squareAvg = squareAvg;
    let avg: tf.Tensor;
    if (h.centered) {
      const gradAvg = ema(st.buffers.gradAvg, g, h.alpha);
      st.buffers.gradAvg = gradAvg;
      avg = tf.sqrt(tf.sub(squareAvg, tf.square(gradAvg)));
    } else avg = tf.sqrt(squareAvg);
    avg = tf.add(avg, h.eps);
    if (h.momentum > 0) {
      const prev = st.buffers.momentumBuffer;
      const buf = prev ? tf.add(tf.mul(prev, h.momentum), tf.div(g, avg)) : tf.div(g, avg);
      st.buffers.momentumBuffer = buf;
      return tf.sub(p, tf.mul(buf, h.lr));
    }
    return tf.sub(p, tf.mul(tf.div(g, avg), h.lr));
  }
}
