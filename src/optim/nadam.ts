// Mirrors torch.optim.NAdam: Adam with Nesterov momentum and the momentum-decay schedule μ_t = β1·(1 − ½·0.96^(t·ψ)).
import { tf } from "../core";
import { checkAdamLike } from "./adam";
import { check, effectiveGrad, ema, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface NAdamOptions {
  /** Learning rate (default 2e-3). */
  lr: number;
  /** Coefficients of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** ψ, the momentum decay (default 4e-3). */
  momentumDecay: number;
}

/** NAdam: `new optim.NAdam(model.parameters(), { lr: 2e-3 })`. */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: ParamsArg<NAdamOptions>, opts: Partial<NAdamOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 }, opts);
  }

  protected validate(h: NAdamOptions): void {
    checkAdamLike(h);
    check(h.momentumDecay >= 0, "momentum_decay value", h.momentumDecay);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: NAdamOptions): tf.Tensor {
    const [b1, b2] = h.betas;
    const t = st.step;
    const g = effectiveGrad(p, grad, h);
    const mu = b1 * (1 - 0.5 * 0.96 ** (t * h.momentumDecay));
    const muNext = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * h.momentumDecay));
    // PyTorch keeps μ's running product as a float32 scalar; Math.fround matches its rounding.
    const muProduct = Math.fround(((st.values.muProduct as number | undefined) ?? 1) * mu);
    const muProductNext = Math.fround(Math.fround(muProduct * mu) * muNext);
    st.values.muProduct = muProduct;
    const m = ema(st.buffers.expAvg, g, b1);
    const v = ema(st.buffers.expAvgSq, tf.square(g), b2);
    st.buffers.expAvg = m;
    st.buffers.expAvgSq = v;
    const denom = tf.add(tf.sqrt(tf.div(v, 1 - b2 ** t)), h.eps);
    const stepG = tf.mul(tf.div(g, denom), (h.lr * (1 - mu)) / (1 - muProduct));
    const stepM = tf.mul(tf.div(m, denom), (h.lr * muNext) / (1 - muProductNext));
    return tf.sub(tf.sub(p, stepG), stepM);
  }
}
