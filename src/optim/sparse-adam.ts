// Mirrors torch.optim.SparseAdam's lazy Adam: only entries with a non-zero gradient update their moments and values.
import { tf } from "../core";
import { checkAdamLike } from "./adam";
import { check, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface SparseAdamOptions {
  /** Learning rate (default 1e-3; must be > 0). */
  lr: number;
  /** Coefficients of the running averages (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator (default 1e-8; must be > 0). */
  eps: number;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/**
 * SparseAdam: `new optim.SparseAdam(embedding.parameters())`.
 *
 * Gradbook has no sparse tensors, so where PyTorch raises "SparseAdam does not support dense gradients",
 * this reads a dense gradient as sparse: the entries that are exactly zero are the ones a sparse gradient
 * would leave out. Only the other entries update their moments and their parameter values (lazy Adam),
 * which is what PyTorch computes for `grad.to_sparse()`. Rows of an embedding that a batch does not use
 * have zero gradient, so they stay untouched, as with PyTorch's sparse embeddings.
 */
export class SparseAdam extends Optimizer<SparseAdamOptions> {
  constructor(params: ParamsArg<SparseAdamOptions>, opts: Partial<SparseAdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, maximize: false }, opts);
  }

  protected validate(h: SparseAdamOptions): void {
    check(h.lr > 0, "learning rate", h.lr);
    check(h.eps > 0, "epsilon value", h.eps);
    checkAdamLike(h);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: SparseAdamOptions): tf.Tensor {
    const [b1, b2] = h.betas;
    const g = h.maximize ? tf.neg(grad) : grad;
    const mask = tf.notEqual(g, 0);
    const m0 = st.buffers.expAvg ?? tf.zerosLike(p);
    const v0 = st.buffers.expAvgSq ?? tf.zerosLike(p);
    // old + (1 - b) * (new - old), as PyTorch writes it, only where the gradient is present.
    const m = tf.add(m0, tf.mul(tf.sub(g, m0), 1 - b1));
    const v = tf.add(v0, tf.mul(tf.sub(tf.square(g), v0), 1 - b2));
    st.buffers.expAvg = tf.where(mask, m, m0);
    st.buffers.expAvgSq = tf.where(mask, v, v0);
    const stepSize = (h.lr * Math.sqrt(1 - b2 ** st.step)) / (1 - b1 ** st.step);
    const upd = tf.mul(tf.div(m, tf.add(tf.sqrt(v), h.eps)), -stepSize);
    return tf.add(p, tf.where(mask, upd, tf.zerosLike(p)));
  }
}
