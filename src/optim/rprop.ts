// Mirrors torch.optim.Rprop: per-element step sizes grown or shrunk by the sign of successive gradients.
import { signData, tf } from "../core";
import { check, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface RpropOptions {
  /** Initial step size (default 1e-2). */
  lr: number;
  /** [etaminus, etaplus]: step-size factors when the gradient changes sign / keeps it (default [0.5, 1.2]). */
  etas: [number, number];
  /** [min, max] allowed step sizes (default [1e-6, 50]). */
  stepSizes: [number, number];
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** Resilient backpropagation: `new optim.Rprop(model.parameters())` (full-batch training). */
export class Rprop extends Optimizer<RpropOptions> {
  constructor(params: ParamsArg<RpropOptions>, opts: Partial<RpropOptions> = {}) {
    super(params, { lr: 1e-2, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false }, opts);
  }

  protected validate(h: RpropOptions): void {
    check(h.lr >= 0, "learning rate", h.lr);
    const [minus, plus] = h.etas;
    check(0 < minus && minus < 1 && 1 < plus, "eta values", h.etas);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: RpropOptions): tf.Tensor {
    const [etaminus, etaplus] = h.etas;
    const [lo, hi] = h.stepSizes;
    const g = h.maximize ? tf.neg(grad) : grad;
    const prev = st.buffers.prev ?? tf.zerosLike(p);
    const stepSize0 = st.buffers.stepSize ?? tf.fill(p.shape, h.lr);
    // signData, not tf.sign: tfjs-wasm gives 0 for |x| < 1.2e-7 (PyTorch ±1), which froze tiny steps.
    const sign = signData(tf.mul(g, prev));
    const factor = tf.where(tf.greater(sign, 0), tf.scalar(etaplus), tf.where(tf.less(sign, 0), tf.scalar(etaminus), tf.scalar(1)));
    const stepSize = tf.clipByValue(tf.mul(stepSize0, factor), lo, hi);
    // Where the sign flipped, skip this update and forget the gradient.
    const gUsed = tf.where(tf.less(sign, 0), tf.zerosLike(g), g);
    st.buffers.stepSize = stepSize;
    st.buffers.prev = gUsed;
    return tf.sub(p, tf.mul(signData(gUsed), stepSize));
  }
}
