// Mirrors torch.optim.Adam (with amsgrad and L2 weight decay).
import { tf } from "../core";
import { Optimizer, type ParamsArg, type ParamState } from "./optimizer";

export interface AdamOptions {
  lr: number;
  betas: number[];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  [k: string]: number | boolean | number[];
}

/** Adam: `new optim.Adam(model.parameters(), { lr: 1e-3 })`. */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsArg<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...opts });
  }

  protected validate(h: AdamOptions): void {
    if (!(h.lr >= 0)) throw new RangeError(`Invalid learning rate: ${h.lr}`);
    if (!(h.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${h.eps}`);
    const [b1, b2] = h.betas;
    if (!(b1 >= 0 && b1 < 1)) throw new RangeError(`Invalid beta parameter at index 0: ${b1}`);
    if (!(b2 >= 0 && b2 < 1)) throw new RangeError(`Invalid beta parameter at index 1: ${b2}`);
    if (!(h.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${h.weightDecay}`);
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: ParamState, h: AdamOptions): tf.Tensor {
    const [b1, b2] = h.betas;
    let g = h.maximize ? tf.neg(grad) : grad;
    if (h.weightDecay !== 0) g = tf.add(g, tf.mul(p, h.weightDecay));
    const m = st.buffers.expAvg ? tf.add(tf.mul(st.buffers.expAvg, b1), tf.mul(g, 1 - b1)) : tf.mul(g, 1 - b1);
    const v = st.buffers.expAvgSq ? tf.add(tf.mul(st.buffers.expAvgSq, b2), tf.mul(tf.square(g), 1 - b2)) : tf.mul(tf.square(g), 1 - b2);
    st.buffers.expAvg = m;
    st.buffers.expAvgSq = v;
    let vUse = v;
    if (h.amsgrad) {
      const mx = st.buffers.maxExpAvgSq ? tf.maximum(st.buffers.maxExpAvgSq, v) : tf.clone(v);
      st.buffers.maxExpAvgSq = mx;
      vUse = mx;
    }
    const bc1 = 1 - b1 ** st.step;
    const bc2 = 1 - b2 ** st.step;
    const denom = tf.add(tf.div(tf.sqrt(vUse), Math.sqrt(bc2)), h.eps);
    return tf.sub(p, tf.mul(tf.div(m, denom), h.lr / bc1));
  }
}
