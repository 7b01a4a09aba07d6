// Mirrors torch.optim.Adam (amsgrad, L2 weight decay, maximize).
import { tf } from "../core";
import { check, effectiveGrad, ema, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Coefficients of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). For decoupled weight decay use AdamW. */
  weightDecay: number;
  /** Use the AMSGrad variant (default false). */
  amsgrad: boolean;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** Checks lr, eps, betas and weightDecay with PyTorch's messages (Adam, AdamW, Adamax, SparseAdam). */
export function checkAdamLike(h: { lr: number; eps: number; betas: number[]; weightDecay?: number }): void {
  check(h.lr >= 0, "learning rate", h.lr);
  check(h.eps >= 0, "epsilon value", h.eps);
  check(Array.isArray(h.betas) && h.betas.length === 2, "betas (expected two numbers)", h.betas);
  check(h.betas[0] >= 0 && h.betas[0] < 1, "beta parameter at index 0", h.betas[0]);
  check(h.betas[1] >= 0 && h.betas[1] < 1, "beta parameter at index 1", h.betas[1]);
  if (h.weightDecay !== undefined) check(h.weightDecay >= 0, "weight_decay value", h.weightDecay);
}

/** Adam's moment update and step for gradient `g` (shared with AdamW, which decays `p` first). */
export function adamStep(p: tf.Tensor, g: tf.Tensor, st: WorkState, h: AdamOptions): tf.Tensor {
  const [b1, b2] = h.betas;
  const m = ema(st.buffers.expAvg, g, b1);
  const v = ema(st.buffers.expAvgSq, tf.square(g), b2);
  st.buffers.expAvg = m;
  st.buffers.expAvgSq = v;
  let vUse = v;
  if (h.amsgrad) {
    vUse = st.buffers.maxExpAvgSq ? tf.maximum(st.buffers.maxExpAvgSq, v) : tf.clone(v);
    st.buffers.maxExpAvgSq = vUse;
  }
  const bc1 = 1 - b1 ** st.step;
  const bc2 = 1 - b2 ** st.step;
  const denom = tf.add(tf.div(tf.sqrt(vUse), Math.sqrt(bc2)), h.eps);
  return tf.sub(p, tf.mul(tf.div(m, denom), h.lr / bc1));
}

/** Adam: `new optim.Adam(model.parameters(), { lr: 1e-3 })`. */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsArg<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false }, opts);
  }

  protected validate(h: AdamOptions): void {
    checkAdamLike(h);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: AdamOptions): tf.Tensor {
    return adamStep(p, effectiveGrad(p, grad, h), st, h);
  }
}
