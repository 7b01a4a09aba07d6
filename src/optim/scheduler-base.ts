// What every learning-rate scheduler shares: the optimizer it drives, the last rates it set, and its state dict.
import { Optimizer } from "./optimizer";

/** The common part of LRScheduler and ReduceLROnPlateau (PyTorch gives both `get_last_lr` and `state_dict`). */
export abstract class SchedulerBase {
  readonly optimizer: Optimizer;
  /** Each group's learning rate after the last step() (a field, so stateDict() saves it). */
  protected lastLr: number[] = [];

  /** `example`: how to construct this scheduler, quoted when `optimizer` is not an Optimizer. */
  constructor(optimizer: Optimizer, example: string) {
    if (!(optimizer instanceof Optimizer)) {
      const what = optimizer === null || typeof optimizer !== "object" ? String(optimizer) : (optimizer as object).constructor.name;
      throw new TypeError(`${what} is not an Optimizer; pass the optimizer, e.g. ${example}`);
    }
    this.optimizer = optimizer;
  }

  /** Remembers each group's current learning rate as the last one set. */
  protected recordLr(): void {
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rate of each parameter group after the last step() (PyTorch's `get_last_lr()`). */
  getLastLr(): number[] {
    return this.lastLr.slice();
  }

  /** The scheduler's fields except the optimizer (PyTorch's `state_dict()`). */
  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer") out[k] = structuredClone(v);
    return out;
  }

  /** Restores fields saved by stateDict(). */
  loadStateDict(sd: Record<string, unknown>): void {
    const { optimizer: _o, ...rest } = sd;
    Object.assign(this, structuredClone(rest));
  }
}
