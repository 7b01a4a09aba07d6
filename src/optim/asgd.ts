// Mirrors torch.optim.ASGD: SGD with a decaying step size and a running average `ax` of the parameters.
import { tf } from "../core";
import { check, effectiveGrad, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface ASGDOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Decay term (default 1e-4). */
  lambd: number;
  /** Power for the eta update (default 0.75). */
  alpha: number;
  /** Step at which averaging starts (default 1e6). */
  t0: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/**
 * Averaged SGD: `new optim.ASGD(model.parameters(), { lr: 0.01 })`. The averaged parameters are in
 * `optimizer.state.get(p).buffers.ax` (PyTorch's `state[p]['ax']`).
 */
export class ASGD extends Optimizer<ASGDOptions> {
  constructor(params: ParamsArg<ASGDOptions>, opts: Partial<ASGDOptions> = {}) {
    super(params, { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false }, opts);
  }

  protected validate(h: ASGDOptions): void {
    check(h.lr >= 0, "learning rate", h.lr);
    check(h.weightDecay >= 0, "weight_decay value", h.weightDecay);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: ASGDOptions): tf.Tensor {
    // PyTorch keeps eta and mu as float32 tensors; fround matches their rounding.
    const eta = (st.values.eta as number | undefined) ?? Math.fround(h.lr);
    const mu = (st.values.mu as number | undefined) ?? 1;
    const g = effectiveGrad(p, grad, h);
    const next = tf.sub(tf.mul(p, 1 - h.lambd * eta), tf.mul(g, eta));
    const ax = st.buffers.ax ?? tf.zerosLike(p);
    st.buffers.ax = mu !== 1 ? tf.add(ax, tf.mul(tf.sub(next, ax), mu)) : tf.clone(next);
    st.values.eta = Math.fround(h.lr / Math.pow(1 + h.lambd * h.lr * st.step, h.alpha));
    st.values.mu = Math.fround(1 / Math.max(1, st.step - h.t0));
    return next;
  }
}
