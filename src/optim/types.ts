// The optimizer's shared types (param groups, per-parameter state): their own module, so optimizer.ts and state-dict.ts both import them without a cycle.
import type { tf, Tensor } from "../core";

/** Every optimizer has a learning rate; schedulers change it through `paramGroups[i].lr`. */
export interface BaseOptions {
  /** Learning rate. */
  lr: number;
}

/**
 * A group of parameters sharing hyperparameters, like an entry of PyTorch's `optimizer.param_groups`.
 * Each hyperparameter is readable and writable on the group itself (`group.lr = 0.01`, as in PyTorch's
 * `group['lr']`) and on `group.options` (the same object underneath).
 */
export type ParamGroup<H extends BaseOptions = BaseOptions> = H & {
  /** The parameters this group updates. */
  params: Tensor[];
  /** The group's hyperparameters (the same values as the group's own fields). */
  options: H;
  /** Set by a learning-rate scheduler: the lr the schedule starts from (PyTorch's `initial_lr`). */
  initialLr?: number;
};

/** What an optimizer accepts: `model.parameters()`, or a list of groups `[{ params, lr }, …]`. */
export type ParamsArg<H> = Iterable<Tensor> | Iterable<{ params: Iterable<Tensor> } & Partial<H>>;

/** A closure re-evaluates the model, calls backward() and returns the loss (needed by LBFGS). */
export type Closure = () => Tensor | number;

/**
 * Per-parameter optimizer state, as `optimizer.state.get(p)` shows it (PyTorch's `optimizer.state[p]`). The buffers are
 * real Tensors (`optimizer.state.get(p)!.buffers.expAvg.norm()`), updated in place by every step as PyTorch's are; the
 * optimizer owns them and frees them in dispose().
 */
export interface ParamState {
  /** Number of updates applied to this parameter. */
  step: number;
  /** Tensors shaped like the parameter (momentum buffers, Adam moments…), by PyTorch's state name in camelCase. */
  buffers: Record<string, Tensor>;
  /** Scalar state (ASGD's eta and mu, LBFGS's counters). */
  values: Record<string, number | number[]>;
  /** Lists of tensors (LBFGS's history). */
  lists: Record<string, tf.Tensor[]>;
}

/** @internal the state an update rule works on: the buffers' tfjs storage, which it reads and replaces. */
export interface WorkState {
  step: number;
  buffers: Record<string, tf.Tensor>;
  values: Record<string, number | number[]>;
  lists: Record<string, tf.Tensor[]>;
}
