// Mirrors torch.optim.RAdam: Adam whose adaptive step is switched on (and rectified) once the variance estimate is tractable.
import { tf } from "../core";
import { checkAdamLike } from "./adam";
import { effectiveGrad, ema, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface RAdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Coefficients of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
}

/** Rectified Adam: `new optim.RAdam(model.parameters(), { lr: 1e-3 })`. */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: ParamsArg<RAdamOptions>, opts: Partial<RAdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }, opts);
  }

  protected validate(h: RAdamOptions): void {
    checkAdamLike(h);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: RAdamOptions): tf.Tensor {
    const [b1, b2] = h.betas;
    const t = st.step;
    const g = effectiveGrad(p, grad, h);
    const m = ema(st.buffers.expAvg, g, b1);
    const v = ema(st.buffers.expAvgSq, tf.square(g), b2);
    st.buffers.expAvg = m;
    st.buffers.expAvgSq = v;
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const mHat = tf.div(m, bc1);
    // ρ∞ and ρt: the length of the approximated simple moving average; the adaptive term is used only when ρt > 5.
    const rhoInf = 2 / (1 - b2) - 1;
    const rhoT = rhoInf - (2 * t * b2 ** t) / bc2;
    if (rhoT <= 5) return tf.sub(p, tf.mul(mHat, h.lr));
    const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
    const adaptive = tf.div(Math.sqrt(bc2), tf.add(tf.sqrt(v), h.eps));
    return tf.sub(p, tf.mul(tf.mul(mHat, adaptive), h.lr * rect));
  }
}
