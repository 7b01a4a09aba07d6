// Optimizer base: owns param groups, zeroGrad and step; a subclass writes only its update rule. Mirrors torch.optim.Optimizer.
import { noGrad, tf, Tensor } from "../core";

export type Hyper = Record<string, number | boolean | number[]>;

/** A group of parameters sharing hyperparameters, like PyTorch's param_groups entries. */
export interface ParamGroup<H extends Hyper = Hyper> {
  params: Tensor[];
  options: H;
}

export type ParamsArg<H extends Hyper> = Iterable<Tensor> | Array<{ params: Iterable<Tensor> } & Partial<H>>;

/** Per-parameter optimizer state: named tfjs tensors the optimizer owns, plus a step count. */
export interface ParamState {
  step: number;
  buffers: Record<string, tf.Tensor>;
}

export abstract class Optimizer<H extends Hyper = Hyper> {
  readonly paramGroups: ParamGroup<H>[];
  /** Per-parameter state (momentum buffers, Adam moments…). */
  readonly state = new Map<Tensor, ParamState>();

  constructor(params: ParamsArg<H>, defaults: H) {
    const list = Array.from(params as Iterable<unknown>);
    if (list.length === 0) throw new Error("optimizer got an empty parameter list; pass model.parameters()");
    const groups = list.every((x) => x instanceof Tensor)
      ? [{ params: list as Tensor[], options: { ...defaults } }]
      : (list as Array<{ params: Iterable<Tensor> } & Partial<H>>).map(({ params: ps, ...opts }) => ({
          params: Array.from(ps),
          options: { ...defaults, ...(opts as unknown as Partial<H>) } as H,
        }));
    for (const g of groups) {
      for (const p of g.params) {
        if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
        if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
      }
      this.validate(g.options);
    }
    this.paramGroups = groups;
  }

  /** Checks hyperparameters with PyTorch's messages (called for every group). */
  protected abstract validate(h: H): void;

  /**
   * Returns the new value of `p` (as a tfjs tensor) given its gradient; may read/write `state.buffers`
   * (replace a buffer by assigning a new tensor; the base class frees the old one). Runs inside tf.tidy.
   */
  protected abstract update(p: tf.Tensor, grad: tf.Tensor, state: ParamState, h: H): tf.Tensor;

  /** Clears gradients (setToNone: true by default, as in PyTorch 2). */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (!p.grad) continue;
        if (opts.setToNone ?? true) {
          // Free the old gradient now rather than at the next GC, so memory stays flat.
          p.grad.dispose();
          p.grad = null;
        } else p.grad.zero_();
      }
    }
  }

  /** One update of every parameter that has a gradient. */
  step(): void {
    noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          if (!p.grad) continue;
          let st = this.state.get(p);
          if (!st) {
            st = { step: 0, buffers: {} };
            this.state.set(p, st);
          }
          st.step += 1;
          const s = st;
          const before = { ...s.buffers };
          const next = tf.tidy(() => {
            const r = this.update(p.data, p.grad!.data, s, g.options);
            // Keep the new buffers alive past the tidy.
            for (const [k, b] of Object.entries(s.buffers)) if (b !== before[k]) tf.keep(b);
            return r;
          });
          for (const [k, old] of Object.entries(before)) if (s.buffers[k] !== old) old.dispose();
          p.assignData(next);
        }
      }
    });
  }
}
