// Mirrors torch.optim.SGD: momentum, dampening, nesterov, weight decay.
import { tf } from "../core";
import { Optimizer, type ParamsArg, type ParamState } from "./optimizer";

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
  [k: string]: number | boolean;
}

/** Stochastic gradient descent: `new optim.SGD(model.parameters(), { lr: 0.03 })`. */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, opts: Partial<SGDOptions> & { lr: number }) {
    if (opts === undefined || opts.lr === undefined) throw new TypeError("SGD: lr is required, e.g. new optim.SGD(model.parameters(), { lr: 0.01 })");
    super(params, { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...opts });
  }

  protected validate(h: SGDOptions): void {
    if (!(h.lr >= 0)) throw new RangeError(`Invalid learning rate: ${h.lr}`);
    if (!(h.momentum >= 0)) throw new RangeError(`Invalid momentum value: ${h.momentum}`);
    if (!(h.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${h.weightDecay}`);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) throw new RangeError("Nesterov momentum requires a momentum and zero dampening");
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: ParamState, h: SGDOptions): tf.Tensor {
    let g = h.maximize ? tf.neg(grad) : grad;
    if (h.weightDecay !== 0) g = tf.add(g, tf.mul(p, h.weightDecay));
    if (h.momentum !== 0) {
      const prev = st.buffers.momentum;
      const buf = prev ? tf.add(tf.mul(prev, h.momentum), tf.mul(g, 1 - h.dampening)) : tf.clone(g);
      st.buffers.momentum = buf;
      g = h.nesterov ? tf.add(g, tf.mul(buf, h.momentum)) : buf;
    }
    return tf.sub(p, tf.mul(g, h.lr));
  }
}
