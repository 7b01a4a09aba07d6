// Mirrors torch.optim.SGD: momentum, dampening, nesterov, weight decay, maximize.
import { fastSgdStep, tf } from "../core";
import { check, effectiveGrad, Optimizer, type ParamsArg, type WorkState } from "./optimizer";

export interface SGDOptions {
  /** Learning rate (required, as in PyTorch). */
  lr: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Dampening for momentum (default 0). */
  dampening: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
}

/** Stochastic gradient descent: `new optim.SGD(model.parameters(), { lr: 0.03, momentum: 0.9 })`. */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, opts: Partial<SGDOptions> = {}) {
    super(params, { lr: undefined as unknown as number, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }, opts);
  }

  protected validate(h: SGDOptions): void {
    if (h.lr === undefined) {
      throw new TypeError("parameter group didn't specify a value of required optimization parameter lr, e.g. new optim.SGD(model.parameters(), { lr: 0.01 })");
    }
    check(h.lr >= 0, "learning rate", h.lr);
    check(h.momentum >= 0, "momentum value", h.momentum);
    check(h.weightDecay >= 0, "weight_decay value", h.weightDecay);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) throw new RangeError("Nesterov momentum requires a momentum and zero dampening");
  }

  /** Without momentum SGD keeps no state: one kernel on fastcpu instead of a multiply and a subtract (and a scalar). */
  protected override fusedUpdate(p: tf.Tensor, grad: tf.Tensor, h: SGDOptions): tf.Tensor | null {
    return h.momentum === 0 ? fastSgdStep(p, grad, { lr: h.lr, weightDecay: h.weightDecay, maximize: h.maximize }) : null;
  }

  protected update(p: tf.Tensor, grad: tf.Tensor, st: WorkState, h: SGDOptions): tf.Tensor {
    let g = effectiveGrad(p, grad, h);
    if (h.momentum !== 0) {
      const prev = st.buffers.momentumBuffer;
      const buf = prev ? tf.add(tf.mul(prev, h.momentum), tf.mul(g, 1 - h.dampening)) : tf.clone(g);
      st.buffers.momentumBuffer = buf;
      g = h.nesterov ? tf.add(g, tf.mul(buf, h.momentum)) : buf;
    }
    return tf.sub(p, tf.mul(g, h.lr));
  }
}
