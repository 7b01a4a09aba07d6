// The kernel client's run queue: cells wait in order, one runs at a time; ids are unique to this page.
import type { ExecuteOptions } from "./client-types";

/** One queued or running cell. */
export interface Run extends ExecuteOptions {
  runId: string;
  cellId: string;
  code: string;
  /** Date.now() when the run was handed to the worker. */
  startedAt?: number;
}

export class RunQueue {
  /** The run the worker is executing now. */
  current: Run | null = null;
  private waiting: Run[] = [];
  private readonly idPrefix = Math.random().toString(36).slice(2, 8);
  private nextId = 0;

  /** Queues a cell and returns its run. */
  add(cellId: string, code: string, options: ExecuteOptions): Run {
    this.nextId += 1;
    const run: Run = { runId: `run-${this.idPrefix}-${this.nextId}`, cellId, code, ...options };
    this.waiting.push(run);
    return run;
  }

  /** Makes the first waiting run current (none while one is current); returns it. */
  startNext(): Run | null {
    if (this.current) return null;
    const run = this.waiting.shift();
    if (!run) return null;
    run.startedAt = Date.now();
    this.current = run;
    return run;
  }

  /** Ends the current run; returns it. */
  endCurrent(): Run | null {
    const run = this.current;
    this.current = null;
    return run;
  }

  /** Empties the queue (the current run goes on); returns the runs it dropped. */
  cancelWaiting(): Run[] {
    const cancelled = this.waiting;
    this.waiting = [];
    return cancelled;
  }

  /** True while a run is current or waiting. */
  get busy(): boolean {
    return this.current !== null || this.waiting.length > 0;
  }

  get queued(): { runId: string; cellId: string }[] {
    return this.waiting.map(({ runId, cellId }) => ({ runId, cellId }));
  }

  /** True while the cell has a run queued or running (so a second click does not queue it twice). */
  isPending(cellId: string): boolean {
    return this.current?.cellId === cellId || this.waiting.some((r) => r.cellId === cellId);
  }
}
