// Observers the kernel attaches to the engine (e.g. the automatic loss chart), without core knowing the kernel.
import type { Tensor } from "./tensor";

type BackwardListener = (root: Tensor) => void;
const backwardListeners = new Set<BackwardListener>();

/** Called after every `.backward()` on a scalar (a loss). Returns an unsubscribe function. */
export function onBackward(listener: BackwardListener): () => void {
  backwardListeners.add(listener);
  return () => backwardListeners.delete(listener);
}

/** @internal */
export function emitBackward(root: Tensor): void {
  for (const l of backwardListeners) l(root);
}
