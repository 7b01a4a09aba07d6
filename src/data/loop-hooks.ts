// Observers of DataLoader passes (the kernel's progress bar), so data/ reports progress without knowing the kernel.

/** What a pass over a DataLoader tells its observers when it starts. */
export interface LoopStart {
  /** The DataLoader being iterated (its identity tells passes of one loader apart from another's). */
  loader: object;
  /** Batches in this pass (`len(loader)`). */
  total: number;
  batchSize: number;
}

/** One pass, as an observer follows it: a batch was handed out, or the pass ended (completed or cut short). */
export interface LoopHandle {
  step(samples: number): void;
  end(completed: boolean): void;
}

export type LoopObserver = (start: LoopStart) => LoopHandle | undefined;

const observers = new Set<LoopObserver>();

/** Called when any DataLoader pass starts. Returns an unsubscribe function. */
export function observeLoops(observer: LoopObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** @internal a DataLoader pass starts; the returned handle is undefined when nobody listens (the common Node case). */
export function loopStarted(start: LoopStart): LoopHandle | undefined {
  if (observers.size === 0) return undefined;
  const handles: LoopHandle[] = [];
  for (const o of observers) {
    const h = o(start);
    if (h) handles.push(h);
  }
  if (handles.length === 0) return undefined;
  let ended = false;
  return {
    step: (n) => {
      if (!ended) for (const h of handles) h.step(n);
    },
    end: (completed) => {
      if (ended) return;
      ended = true;
      for (const h of handles) h.end(completed);
    },
  };
}
