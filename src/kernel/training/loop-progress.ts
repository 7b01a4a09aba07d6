// The tqdm-like progress of every DataLoader pass in a run: snapshots, at most one per loop every ~100 ms.
import type { LoopProgress } from "../protocol";

/** What a DataLoader pass reports (data/loop-hooks' LoopStart and LoopHandle, structurally). */
export interface LoopStartInfo {
  loader: object;
  total: number;
  batchSize: number;
}
export interface LoopHandleLike {
  step(samples: number): void;
  end(completed: boolean): void;
}

export interface LoopTrackerDeps {
  /** Where snapshots go (the metrics batcher, which keeps the latest per id). */
  emit(loop: LoopProgress): void;
  /** The loader's variable name in the user's scope, if it has one. */
  nameOf(loader: object): string | undefined;
  now?: () => number;
  intervalMs?: number;
  /** backward() calls so far in the run, and who hears of a finished pass with the steps it ran (epoch means). */
  lossStep?: () => number;
  onPassStart?(pass: { pass: number; depth: number; from: number }): void;
  /** `completed` false: the pass was cut short (an interrupt, an error, a break). */
  onPassEnd?(pass: { pass: number; depth: number; from: number; to: number; completed: boolean }): void;
}

interface LoaderEntry {
  id: string;
  label: string;
  passes: number;
  batchSize: number;
}

/**
 * Follows DataLoader passes while a run is active. Start and end always emit; batches emit when ≥ intervalMs
 * passed since that loop's last snapshot, so a 10k-batch epoch costs ~10 messages a second, not 10k.
 */
export class LoopTracker {
  private loaders = new Map<object, LoaderEntry>();
  /** Running passes, with the first loss step each one may own. */
  private running = new Map<LoopProgress, number>();
  private active = false;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly deps: LoopTrackerDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.intervalMs = deps.intervalMs ?? 100;
  }

  begin(): void {
    this.loaders.clear();
    this.running.clear();
    this.active = true;
  }

  /** The data/loop-hooks observer. */
  start(info: LoopStartInfo): LoopHandleLike | undefined {
    if (!this.active) return undefined;
    let entry = this.loaders.get(info.loader);
    if (!entry) {
      const n = this.loaders.size + 1;
      const label = this.deps.nameOf(info.loader) ?? `DataLoader ${n}`;
      entry = { id: `loop-${n}`, label, passes: 0, batchSize: info.batchSize };
      this.loaders.set(info.loader, entry);
    }
    entry.passes += 1;
    const started = this.now();
    const p: LoopProgress = {
      id: entry.id,
      label: entry.label,
      pass: entry.passes,
      depth: this.running.size,
      index: 0,
      total: info.total,
      samples: 0,
      elapsedMs: 0,
      state: "running",
    };
    const from = (this.deps.lossStep?.() ?? 0) + 1;
    this.running.set(p, from);
    let lastEmit = started;
    this.deps.emit({ ...p });
    this.deps.onPassStart?.({ pass: p.pass, depth: p.depth, from });
    return {
      step: (samples) => {
        p.index += 1;
        p.samples += samples;
        const t = this.now();
        if (t - lastEmit < this.intervalMs) return;
        lastEmit = t;
        p.elapsedMs = t - started;
        this.deps.emit({ ...p });
      },
      end: (completed) => {
        if (!this.running.has(p)) return;
        p.elapsedMs = this.now() - started;
        this.finish(p, completed ? "done" : "interrupted");
      },
    };
  }

  /** Batch sizes of the loaders iterated this run, by label (for the run's hyperparameters). */
  batchSizes(): Array<[string, number]> {
    return [...this.loaders.values()].map((e) => [e.label, e.batchSize]);
  }

  /** The run ended: loops still running were cut short (an error, or an interrupt inside the loop body). */
  end(): void {
    for (const p of [...this.running.keys()]) this.finish(p, "interrupted");
    this.active = false;
  }

  private finish(p: LoopProgress, state: LoopProgress["state"]): void {
    const from = this.running.get(p) ?? 1;
    this.running.delete(p);
    p.state = state;
    this.deps.emit({ ...p });
    const to = this.deps.lossStep?.() ?? 0;
    this.deps.onPassEnd?.({ pass: p.pass, depth: p.depth, from, to, completed: state === "done" });
  }
}
