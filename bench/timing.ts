// The in-worker timing loop: warm up, size the timed blocks, then time `repeats` blocks of `steps` steps each.
import type { Timing, TimingPlan } from "./protocol";

/** A block runs `steps` steps and ends with one readback, so the device work is inside the timing. */
export interface Block {
  run(): Promise<void>;
  dispose?(): void;
}

export type MakeBlock = (steps: number) => Block;

const CALIBRATION_STEPS = 4;

async function timeOnce(block: Block): Promise<number> {
  const t0 = performance.now();
  await block.run();
  return performance.now() - t0;
}

/**
 * Times a training or inference loop. Two one-step blocks first (the first compiles shaders and allocates; the second
 * estimates a step; a fast step is re-estimated over a few steps), then one full-size warm block, then the timed ones.
 * Slow steps get fewer warm-ups and repeats (down to one), so a software GPU cannot stretch the run to hours.
 */
export async function timeBlocks(make: MakeBlock, plan: TimingPlan): Promise<Timing> {
  const one = make(1);
  let estimate: number;
  try {
    // The first step compiles shaders; unless it alone used up the budget, a second one estimates a real step.
    estimate = await timeOnce(one);
    if (estimate < plan.budgetMs) estimate = Math.max(await timeOnce(one), 0.01);
  } finally {
    one.dispose?.();
  }
  // A step slower than half the budget (a CNN on SwiftShader) is timed as few times as fit, down to once.
  const slow = estimate >= plan.budgetMs / 2;
  if (estimate < plan.targetBlockMs) {
    // A one-step block still carries warm-up and per-call overhead (model.fit's setup, the readback); re-estimate.
    const few = make(CALIBRATION_STEPS);
    try {
      estimate = Math.max((await timeOnce(few)) / CALIBRATION_STEPS, 0.01);
    } finally {
      few.dispose?.();
    }
  }
  const steps = Math.max(1, Math.min(plan.maxSteps, Math.ceil(plan.targetBlockMs / estimate)));
  const fitting = Math.floor(plan.budgetMs / (estimate * steps));
  const repeats = slow ? Math.max(1, Math.min(plan.minRepeats, fitting)) : Math.max(plan.minRepeats, Math.min(plan.repeats, fitting));
  const block = make(steps);
  try {
    // A slow step is already warm after the one-step blocks; a fast one gets a full-size warm-up block.
    if (estimate * steps < 2_000) await timeOnce(block);
    const samplesMs: number[] = [];
    for (let r = 0; r < repeats; r++) samplesMs.push((await timeOnce(block)) / steps);
    return { samplesMs, steps };
  } finally {
    block.dispose?.();
  }
}
