// Learning rate per optimizer step (no device reads: lr is a JS number) and the hyperparameters a training run used.
import type { HParams, MetricPoint } from "../protocol";

/** The slice of an optimizer this reads: `paramGroups[i].lr` (schedulers change it there). */
export interface OptimizerLike {
  readonly paramGroups: ReadonlyArray<{ lr: number }>;
}

interface Tracked {
  index: number;
  steps: number;
  /** Last emitted value and step per group, to send only changes (plus the last step at the end). */
  last: Array<{ value: number; step: number; sentStep: number }>;
  firstLr: number;
  /** When this optimizer's lr was last sent. */
  sentAt: number;
}

/**
 * Charts the lr of every optimizer that steps during a run. x is that optimizer's step count in the run.
 * Only changes are sent (a schedule's staircase), plus each series' last step when the run ends.
 */
export class LrTracker {
  private optimizers = new Map<OptimizerLike, Tracked>();
  private active = false;

  /**
   * `now`/`extendEveryMs`: an unchanged lr is sent again (its latest step) at most this often, so the lr chart is a
   * line while the run goes on, not one dot until the run ends.
   */
  constructor(
    private readonly emit: (points: MetricPoint[]) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly extendEveryMs = 500,
  ) {}

  begin(): void {
    this.optimizers.clear();
    this.active = true;
  }

  /** The optim/step-hooks listener. */
  onStep(opt: OptimizerLike): void {
    if (!this.active) return;
    let t = this.optimizers.get(opt);
    if (!t) {
      t = { index: this.optimizers.size, steps: 0, last: [], firstLr: opt.paramGroups[0]?.lr ?? NaN, sentAt: -Infinity };
      this.optimizers.set(opt, t);
    }
    t.steps += 1;
    const points: MetricPoint[] = [];
    const extend = this.now() - t.sentAt >= this.extendEveryMs;
    opt.paramGroups.forEach((g, gi) => {
      const value = Number(g.lr);
      const prev = t.last[gi];
      if (!prev || prev.value !== value || extend) {
        points.push({ name: seriesName(t.index, gi), axis: "step", step: t.steps, value });
        t.last[gi] = { value, step: t.steps, sentStep: t.steps };
      } else prev.step = t.steps;
    });
    if (points.length > 0) {
      t.sentAt = this.now();
      this.emit(points);
    }
  }

  /** Number of optimizers that stepped this run. */
  get count(): number {
    return this.optimizers.size;
  }

  /** The run ends: extend each series to its last step, and report what was used. */
  end(): { optimizers: Array<{ name: string; lr: number; steps: number }> } {
    const points: MetricPoint[] = [];
    const used: Array<{ name: string; lr: number; steps: number }> = [];
    for (const [opt, t] of this.optimizers) {
      t.last.forEach((l, gi) => {
        if (l.step !== l.sentStep) points.push({ name: seriesName(t.index, gi), axis: "step", step: l.step, value: l.value });
      });
      used.push({ name: (opt as object).constructor?.name ?? "optimizer", lr: t.firstLr, steps: t.steps });
    }
    if (points.length > 0 && this.active) this.emit(points);
    this.active = false;
    return { optimizers: used };
  }
}

/** "lr" for the first optimizer's first group; others are told apart in the name. */
export function seriesName(optimizer: number, group: number): string {
  const parts = [optimizer > 0 ? `optimizer ${optimizer + 1}` : "", group > 0 ? `group ${group + 1}` : ""].filter(Boolean);
  return parts.length ? `lr (${parts.join(", ")})` : "lr";
}

const MAX_VARS = 24;

/**
 * What a training run records as its hyperparameters: every top-level variable holding a number, a boolean or a
 * short string (the values of a `parameters` cell and consts like `const lr = 0.03`, most recently assigned
 * first), the optimizer class and its starting lr, and each DataLoader's batch size.
 */
export function collectHParams(
  vars: Iterable<[string, unknown]>,
  used: { optimizers: Array<{ name: string; lr: number; steps: number }>; batchSizes: Array<[string, number]> },
): HParams {
  const out: HParams = {};
  used.optimizers.forEach((o, i) => {
    const suffix = i === 0 ? "" : ` ${i + 1}`;
    out[`optimizer${suffix}`] = o.name;
    if (Number.isFinite(o.lr)) out[`lr${suffix}`] = o.lr;
  });
  for (const [label, bs] of used.batchSizes) out[`${label}.batchSize`] = bs;
  let n = 0;
  for (const [name, value] of vars) {
    if (n >= MAX_VARS) break;
    if (name in out) continue;
    const ok =
      (typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean" || (typeof value === "string" && value.length <= 40);
    if (!ok) continue;
    out[name] = value as number | string | boolean;
    n += 1;
  }
  return out;
}
