// Optimizer base: owns param groups, zeroGrad, step, stateDict and state lifetime; a subclass writes only its update rule. Mirrors torch.optim.Optimizer.
import { enableGrad, noGrad, tf, Tensor } from "../core";
import { loadOptimizerState, snapshotOptimizer, type OptimizerStateDict } from "./state-dict";
import { emitOptimizerStep } from "./step-hooks";
import type { BaseOptions, Closure, ParamGroup, ParamsArg, ParamState, WorkState } from "./types";

export type { BaseOptions, Closure, ParamGroup, ParamsArg, ParamState, WorkState } from "./types";

/** @internal the buffers' current storage, for an update rule. */
export function workView(st: ParamState): WorkState {
  const buffers: Record<string, tf.Tensor> = {};
  for (const [k, b] of Object.entries(st.buffers)) buffers[k] = b.tfData;
  return { step: st.step, buffers, values: st.values, lists: st.lists };
}

/** @internal writes an update rule's new buffers back: an existing buffer Tensor takes its new storage in place. */
export function commitWork(st: ParamState, work: WorkState): void {
  for (const [k, t] of Object.entries(work.buffers)) {
    const cur = st.buffers[k];
    if (!cur) st.buffers[k] = new Tensor(t, { persistent: true });
    else if (cur.holder.t !== t) cur.assignData(t);
  }
}

/** Frees every tensor held in a state map. */
export function disposeState(state: Map<Tensor, ParamState>): void {
  for (const st of state.values()) {
    for (const b of Object.values(st.buffers)) b.dispose();
    for (const l of Object.values(st.lists)) for (const t of l) t.dispose();
  }
  state.clear();
}

// An optimizer dropped without dispose() (a re-run notebook cell) frees its state when JavaScript collects it.
const finalizer = new FinalizationRegistry<Map<Tensor, ParamState>>(disposeState);

/** Negates the gradient for `maximize` and adds the L2 penalty `weightDecay * p`, in PyTorch's order. */
export function effectiveGrad(p: tf.Tensor, grad: tf.Tensor, h: { maximize?: boolean; weightDecay?: number }): tf.Tensor {
  let g = h.maximize ? tf.neg(grad) : grad;
  if (h.weightDecay) g = tf.add(g, tf.mul(p, h.weightDecay));
  return g;
}

/** Exponential moving average `prev * beta + x * (1 - beta)`, starting from zeros when there is no `prev`. */
export function ema(prev: tf.Tensor | undefined, x: tf.Tensor, beta: number): tf.Tensor {
  return prev ? tf.add(tf.mul(prev, beta), tf.mul(x, 1 - beta)) : tf.mul(x, 1 - beta);
}

/** Throws PyTorch's `Invalid <what>: <value>` unless `ok`. */
export function check(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new RangeError(`Invalid ${what}: ${Array.isArray(value) ? value.join(", ") : String(value)}`);
}

/** Base class of all optimizers: `zeroGrad()`, `step()`, `paramGroups`, `state`, `stateDict()`. */
export abstract class Optimizer<H extends BaseOptions = BaseOptions> {
  /** The parameter groups; change a hyperparameter with `paramGroups[0].lr = 0.01`. */
  readonly paramGroups: ParamGroup<H>[] = [];
  /** Per-parameter state (momentum buffers, Adam moments…), keyed by the parameter tensor. */
  readonly state = new Map<Tensor, ParamState>();
  /** The hyperparameters a group gets when it does not set them (PyTorch's `defaults`). */
  readonly defaults: H;

  /** `defaults` holds every option with its default value; `opts` are the caller's (unknown keys are rejected). */
  constructor(params: ParamsArg<H>, defaults: H, opts: Partial<H> = {}) {
    const name = new.target.name;
    if (params instanceof Tensor || params === null || typeof (params as Iterable<unknown>)?.[Symbol.iterator] !== "function") {
      const got = params instanceof Tensor ? "a single Tensor" : typeof params === "function" ? "a function (call it: model.parameters())" : String(params);
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${got}; pass model.parameters()`);
    }
    checkKeys(name, opts, defaults);
    this.defaults = { ...defaults, ...opts };
    const list = Array.from(params as Iterable<unknown>);
    if (list.length === 0) throw new Error("optimizer got an empty parameter list; pass model.parameters()");
    type GroupArg = { params: Iterable<Tensor> } & Partial<H>;
    const groups = list.every((x) => x instanceof Tensor) ? [{ params: list as Tensor[] } as unknown as GroupArg] : (list as GroupArg[]);
    for (const g of groups) this.addParamGroup(g, name);
    finalizer.register(this, this.state, this);
  }

  /** Checks hyperparameters with PyTorch's messages (called for every group). */
  protected abstract validate(h: H): void;

  /**
   * Returns the new value of `p` given its gradient; may read and replace `state.buffers` entries
   * (assign a new tensor; the base class frees the old one). Runs inside tf.tidy.
   */
  protected abstract update(p: tf.Tensor, grad: tf.Tensor, state: WorkState, h: H): tf.Tensor;

  /**
   * The new value of `p` from one fused kernel where the backend has one (fastcpu) and this rule needs no state, or
   * null to run `update`. Must give the same values as `update`.
   */
  protected fusedUpdate(_p: tf.Tensor, _grad: tf.Tensor, _h: H): tf.Tensor | null {
    return null;
  }

  /** Adds a group of parameters with its own hyperparameters (PyTorch's `add_param_group`). */
  addParamGroup(group: { params: Iterable<Tensor> } & Partial<H>, name = this.constructor.name): void {
    if (!group || typeof group !== "object" || !("params" in group)) {
      throw new TypeError(`${name}: a parameter group is an object like { params: model.fc.parameters(), lr: 0.01 }`);
    }
    const { params: ps, ...opts } = group;
    const params = ps instanceof Tensor ? [ps] : Array.from(ps);
    const { initialLr: _l, ...rest } = opts as Record<string, unknown>;
    checkKeys(name, rest, this.defaults);
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${p === null ? "null" : typeof p}`);
      if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
    }
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    if (params.some((p) => seen.has(p)) || new Set(params).size !== params.length) {
      throw new Error("some parameters appear in more than one parameter group");
    }
    const { initialLr, ...hyper } = opts as unknown as Partial<H> & { initialLr?: number };
    const options = { ...this.defaults, ...hyper } as H;
    this.validate(options);
    this.paramGroups.push(makeGroup(params, options, initialLr));
  }

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

  /**
   * One update of every parameter that has a gradient. With a closure, calls it first (with gradients
   * enabled) and returns its loss, as PyTorch does.
   */
  step(closure?: Closure): Tensor | number | undefined {
    const loss = closure ? enableGrad(closure) : undefined;
    noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          if (!p.grad) continue;
          const st = this.stateOf(p);
          st.step += 1;
          const fused = this.fusedUpdate(p.tfData, p.grad.tfData, g.options);
          if (fused) {
            p.assignData(fused);
            continue;
          }
          const work = workView(st);
          const before = { ...work.buffers };
          const next = tf.tidy(() => {
            const r = this.update(p.tfData, p.grad!.tfData, work, g.options);
            // Keep the new buffers alive past the tidy.
            for (const [k, b] of Object.entries(work.buffers)) if (b !== before[k]) tf.keep(b);
            return r;
          });
          // Each buffer Tensor takes its new storage in place (freeing the old), so a reference the user holds stays live.
          commitWork(st, work);
          p.assignData(next);
        }
      }
    });
    emitOptimizerStep(this);
    return loss;
  }

  /** The state of `p`, created empty on first use. */
  protected stateOf(p: Tensor): ParamState {
    let st = this.state.get(p);
    if (!st) {
      st = { step: 0, buffers: {}, values: {}, lists: {} };
      this.state.set(p, st);
    }
    return st;
  }

  /**
   * A snapshot in PyTorch's layout: `{ state: { 0: { step, expAvg, … } }, paramGroups: [{ lr, …, params: [0, 1] }] }`.
   * Parameters are numbered in group order; tensors are copies, so later steps do not change the snapshot.
   */
  stateDict(): OptimizerStateDict {
    return snapshotOptimizer(this.paramGroups, this.state);
  }

  /** Restores hyperparameters and state saved by `stateDict()` (PyTorch's `load_state_dict`). */
  loadStateDict(sd: OptimizerStateDict): void {
    loadOptimizerState(sd, this.paramGroups, this.state, (h) => this.validate(h as H));
  }

  /** Frees the optimizer state now (it is also freed when the optimizer is garbage-collected). */
  dispose(): void {
    disposeState(this.state);
  }
}

/** Rejects options the optimizer does not have, pointing at the camelCase spelling of a PyTorch name. */
function checkKeys(name: string, opts: object, defaults: object): void {
  const allowed = Object.keys(defaults);
  for (const k of Object.keys(opts)) {
    if (allowed.includes(k)) continue;
    const camel = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== k && allowed.includes(camel) ? `; options use camelCase here: ${camel}` : `; known options: ${allowed.join(", ")}`;
    throw new TypeError(`${name}() got an unexpected keyword argument '${k}'${hint}`);
  }
}

/** A group object whose hyperparameters are also readable/writable as its own fields (`group.lr`). */
function makeGroup<H extends BaseOptions>(params: Tensor[], options: H, initialLr: number | undefined): ParamGroup<H> {
  const group = { params, options } as ParamGroup<H>;
  for (const k of Object.keys(options)) {
    Object.defineProperty(group, k, {
      get: () => (options as Record<string, unknown>)[k],
      set: (v: unknown) => ((options as Record<string, unknown>)[k] = v),
      enumerable: true,
    });
  }
  if (initialLr !== undefined) group.initialLr = initialLr;
  return group;
}
