// Observers of optimizer steps (the kernel's learning-rate chart), so optim/ reports steps without knowing the kernel.

/** What an observer may read from an optimizer that just stepped: its class and each group's lr. */
export interface SteppedOptimizer {
  readonly paramGroups: ReadonlyArray<{ lr: number }>;
}

type StepListener = (optimizer: SteppedOptimizer) => void;
const listeners = new Set<StepListener>();

/** Called after every `optimizer.step()`. Returns an unsubscribe function. */
export function onOptimizerStep(listener: StepListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @internal */
export function emitOptimizerStep(optimizer: SteppedOptimizer): void {
  for (const l of listeners) l(optimizer);
}
