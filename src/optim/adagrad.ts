// Mirrors torch.optim.Adagrad: per-element step sizes from the running sum of squared gradients.
import { tf } from "../core";
import { check, effectiveGrad, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface AdagradOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Learning-rate decay: step t uses lr / (1 + (t - 1) * lrDecay) (default 0). */
  lrDecay: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator for numerical stability (default 1e-10). */
  eps: number;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** Adagrad: `new optim.Adagrad(model.parameters(), { lr: 0.01 })`. */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsArg<AdagradOptions>, opts: Partial<AdagradOptions> = {}) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false }, opts);
  }

  protected validate(h: AdagradOptions): void {
    check(h.lr >= 0, "learning rate", h.lr);
    check(h.lrDecay >= 0, "lr_decay value", h.lrDecay);
    check(h.weightDecay >= 0, "weight_decay value", h.weightDecay);
    check(h.initialAccumulatorValue >= 0, "initial_accumulator_value value", h.initialAccumulatorValue);
    check(h.eps >= 0, "epsilon value", h.eps);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: AdagradOptions): tf.Tensor {
    const g = effectiveGrad(p, grad, h);
    const clr = h.lr / (1 + (st.step - 1) * h.lrDecay);
    const prev = st.buffers.sum ?? tf.fill(p.shape, h.initialAccumulatorValue);
    const sum = tf.add(prev, tf.square(g));
    st.buffers.sum = sum;
    return tf.sub(p, tf.mul(tf.div(g, tf.add(tf.sqrt(sum), h.eps)), clr));
  }
}
