// resumable(epochs, { model, optimizer }): an epoch loop that checkpoints to IndexedDB after every epoch and, run in
// "resume" mode after a reload or a crash, restores the last checkpoint and continues from the next epoch.
import { repr } from "../runtime/format";
import type { MetricPoint } from "../protocol";

/** What resumable needs of a model / optimizer / scheduler: PyTorch's stateDict pair. */
interface Stateful {
  stateDict(): unknown;
  loadStateDict(sd: never): unknown;
}

export interface ResumableParts {
  model: Stateful;
  optimizer?: Stateful;
  /** An lr scheduler; its state travels in the checkpoint too. */
  scheduler?: Stateful;
}

/** The IndexedDB side (io/checkpoint-store's CheckpointStore), as resumable uses it. */
export interface CheckpointStoreLike {
  save(info: { notebookId: string; cellId: string; epoch: number; epochs: number }, bytes: Uint8Array): Promise<void>;
  load(key: { notebookId: string; cellId: string }): Promise<{ info: { epoch: number; epochs: number }; bytes: Uint8Array } | undefined>;
  remove(key: { notebookId: string; cellId: string }): Promise<void>;
}

/** The engine side: io/checkpoint's checkpointBytes / restoreCheckpoint, injected so the kernel runs with fakes. */
export interface CheckpointEngine {
  bytes(parts: { model: never; optimizer?: never; epoch: number; extra: unknown }): Uint8Array;
  restore(bytes: Uint8Array, parts: { model: never; optimizer?: never }): { epoch: number; extra: unknown };
  /** The checkpoint database, or undefined where this realm has no IndexedDB. */
  store(): Promise<CheckpointStoreLike | undefined>;
}

/** Where this run's checkpoints go and whether it resumes (the page says so in the `execute` message). */
export interface RunTarget {
  notebookId: string;
  cellId: string;
  mode: "run" | "resume";
}

export interface ResumeHost {
  engine: CheckpointEngine | undefined;
  /** undefined when the run belongs to no notebook (tests, the headless runner): nothing is saved. */
  target(): RunTarget | undefined;
  /** The run's chart points so far (the curves the checkpoint keeps). */
  runMetrics(): MetricPoint[];
  /** Sends saved points to the chart again and makes the step counters continue after them. */
  replayMetrics(points: MetricPoint[]): void;
  write(name: "stdout" | "stderr", text: string): void;
}

/** The JSON `extra` part of a checkpoint written by resumable. */
interface ResumeExtra {
  kind: "gradbook.resumable";
  epochs: number;
  metrics: MetricPoint[];
  scheduler?: unknown;
}

const FOR_AWAIT =
  "resumable() saves a checkpoint between epochs, which takes an await: loop with for await, e.g. " +
  "for await (const epoch of resumable(epochs, { model, optimizer })) { … }";

export function makeResumable(host: ResumeHost) {
  /**
   * Yields the epoch numbers 0..epochs-1. After each finished epoch it saves a checkpoint of the model, optimizer,
   * scheduler, random generator and the run's curves; in resume mode it first restores the last one.
   */
  function resumable(epochs: number, parts: ResumableParts): AsyncIterableIterator<number> {
    if (!Number.isInteger(epochs) || epochs < 1) {
      throw new TypeError(`resumable(epochs, { model, optimizer }): epochs must be a positive integer; got ${repr(epochs)}`);
    }
    const { model, optimizer, scheduler } = (parts ?? {}) as Partial<ResumableParts>;
    for (const [name, value, required] of [["model", model, true], ["optimizer", optimizer, false], ["scheduler", scheduler, false]] as const) {
      if ((required || value !== undefined) && !hasStateDict(value)) {
        const hint = name === "model" ? "an nn.Module" : `an ${name} with stateDict()/loadStateDict()`;
        throw new TypeError(`resumable(epochs, { model, optimizer }): ${name} must be ${hint}; got ${repr(value)}`);
      }
    }
    const it = loop(epochs, { model: model!, optimizer, scheduler });
    // A plain `for … of` would iterate nothing useful: say how to write it.
    Object.defineProperty(it, Symbol.iterator, {
      value: () => {
        throw new TypeError(FOR_AWAIT);
      },
    });
    return it;
  }

  async function* loop(epochs: number, parts: ResumableParts): AsyncGenerator<number, void, undefined> {
    const target = host.target();
    const store = target && host.engine ? await openStore(host.engine) : undefined;
    const key = target && { notebookId: target.notebookId, cellId: target.cellId };
    let start = 0;
    if (target?.mode === "resume") {
      const saved = store && key ? await store.load(key) : undefined;
      if (!saved) host.write("stderr", "There is no checkpoint to resume from; training starts at epoch 1.\n");
      else start = restore(saved, epochs, parts);
    } else if (store && key) {
      await store.remove(key).catch(() => undefined);
    }
    let warned = false;
    for (let epoch = start; epoch < epochs; epoch++) {
      yield epoch;
      if (!store || !key || !host.engine) continue;
      try {
        const extra: ResumeExtra = { kind: "gradbook.resumable", epochs, metrics: host.runMetrics(), scheduler: parts.scheduler?.stateDict() };
        const bytes = host.engine.bytes({ model: parts.model as never, optimizer: parts.optimizer as never, epoch: epoch + 1, extra });
        await store.save({ ...key, epoch, epochs }, bytes);
      } catch (e) {
        if (!warned) host.write("stderr", `Checkpoint after epoch ${epoch + 1} not saved (${(e as Error).message}); training goes on, but cannot resume from here.\n`);
        warned = true;
      }
    }
    // Finished: nothing left to resume.
    if (store && key) await store.remove(key).catch(() => undefined);
  }

  async function openStore(engine: CheckpointEngine): Promise<CheckpointStoreLike | undefined> {
    try {
      return await engine.store();
    } catch (e) {
      host.write("stderr", `Checkpoints are off: IndexedDB did not open (${(e as Error).message}).\n`);
      return undefined;
    }
  }

  /** Restores model/optimizer/scheduler/RNG and the curves; returns the epoch to continue at. */
  function restore(saved: { info: { epoch: number; epochs: number }; bytes: Uint8Array }, epochs: number, parts: ResumableParts): number {
    const where = `the checkpoint saved after epoch ${saved.info.epoch + 1}/${saved.info.epochs}`;
    let done: { epoch: number; extra: unknown };
    try {
      done = host.engine!.restore(saved.bytes, { model: parts.model as never, optimizer: parts.optimizer as never });
      const extra = done.extra as Partial<ResumeExtra> | null;
      if (extra?.kind !== "gradbook.resumable") throw new Error("it was not written by resumable()");
      if (parts.scheduler && extra.scheduler !== undefined) parts.scheduler.loadStateDict(extra.scheduler as never);
      host.replayMetrics(Array.isArray(extra.metrics) ? extra.metrics : []);
    } catch (e) {
      const err = new Error(
        `Cannot resume from ${where}: ${(e as Error).message.replace(/\.$/, "")}. ` +
          "Run the cell normally (▶) to train from epoch 1; the cells above must define the same model and optimizer.",
      );
      err.name = "RuntimeError";
      throw err;
    }
    const next = done.epoch;
    if (next >= epochs) host.write("stdout", `Resumed: all ${epochs} epochs were already done (${where}).\n`);
    else host.write("stdout", `Resumed from ${where}; continuing at epoch ${next + 1}/${epochs}.\n`);
    return next;
  }

  return resumable;
}

function hasStateDict(v: unknown): v is Stateful {
  const o = v as { stateDict?: unknown; loadStateDict?: unknown } | null;
  return typeof o?.stateDict === "function" && typeof o.loadStateDict === "function";
}
