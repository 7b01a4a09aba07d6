// The page's one handle on the kernel worker: owns the Worker, queues runs, drops stale messages, saves downloads.
import type { BackendChoice, BackendName, FromKernel, KernelState, ToKernel } from "./protocol";

/** The part of `Worker` the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: ToKernel, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromKernel>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Kernel messages that belong to a run, delivered only while that run is current. */
export type RunMessage = Extract<FromKernel, { type: "stream" | "display" | "metrics" | "progress" | "error" }>;

/** Why a run ended: it finished, never started, or its kernel went away. */
export type RunEndReason = "done" | "cancelled" | "interrupted" | "kernel-restarted" | "kernel-died";

export type KernelEvent =
  | { type: "state"; state: KernelState }
  | { type: "ready"; backend: BackendName; note: string }
  /** `startedAt`: ms since epoch on the page's clock, for a live timer. */
  | { type: "run-start"; runId: string; cellId: string; startedAt: number }
  | { type: "run-message"; runId: string; cellId: string; message: RunMessage }
  /** `elapsedMs`: the kernel's own timing when it answered, the page's when the worker was stopped, 0 if never started. */
  | { type: "run-end"; runId: string; cellId: string; ok: boolean; reason: RunEndReason; elapsedMs: number }
  /** The worker was replaced (restart, or an interrupt it ignored): variables are gone, counts start again. */
  | { type: "kernel-restarted"; reason: "kernel-restarted" | "interrupted" }
  /** An error outside any run (e.g. the kernel failed to start). */
  | { type: "kernel-error"; ename: string; evalue: string }
  | { type: "download"; filename: string; bytes: number };

export interface KernelClientOptions {
  backend: BackendChoice;
  /** Absolute URL of the folder serving the four MNIST `.gz` files. */
  mnistBaseUrl: string;
  /** Absolute URL, ending in "/", of the tfjs wasm binaries. */
  wasmBaseUrl: string;
  createWorker?: () => WorkerLike;
  /** Saves a file the kernel sent; defaults to a Blob download. */
  saveFile?: (filename: string, mime: string, buffer: ArrayBuffer) => void;
  /** Share an interrupt flag with the worker (needs cross-origin isolation); defaults to `crossOriginIsolated`. */
  sharedInterrupt?: boolean;
  /** How long a run may ignore the interrupt flag before the worker is terminated. */
  interruptGraceMs?: number;
}

interface Run {
  runId: string;
  cellId: string;
  code: string;
  startedAt?: number;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL("./kernel.worker.ts", import.meta.url), { type: "module" });
}

/** Saves bytes as a file through a temporary `<a download>`. */
export function saveWithAnchor(filename: string, mime: string, buffer: ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([buffer], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `?backend=webgpu|webgl|wasm|cpu` picks a backend; anything else means `auto`. */
export function backendFromSearch(search: string): BackendChoice {
  const value = new URLSearchParams(search).get("backend");
  return value === "webgpu" || value === "webgl" || value === "wasm" || value === "cpu" ? value : "auto";
}

export class KernelClient {
  private worker: WorkerLike | null = null;
  private ready = false;
  /** The worker failed before `ready`: its later status messages must not hide that. */
  private crashed = false;
  /** What the worker last said about itself. */
  private workerState: KernelState = "starting";
  /** What was last emitted, so listeners hear each change once. */
  private shownState: KernelState | null = null;
  private current: Run | null = null;
  private queue: Run[] = [];
  private listeners = new Set<(event: KernelEvent) => void>();
  private flag: Int32Array | null = null;
  private hardStopTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 0;
  private readonly idPrefix = Math.random().toString(36).slice(2, 8);
  private readonly options: Required<Omit<KernelClientOptions, "sharedInterrupt">> & { sharedInterrupt: boolean };

  constructor(options: KernelClientOptions) {
    this.options = {
      createWorker: defaultWorker,
      saveFile: saveWithAnchor,
      interruptGraceMs: 3000,
      ...options,
      sharedInterrupt: options.sharedInterrupt ?? (typeof crossOriginIsolated !== "undefined" && crossOriginIsolated),
    };
  }

  /** Subscribes to kernel events; returns the unsubscribe function. */
  on(listener: (event: KernelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the worker (idempotent) and sends `init`. */
  start(): void {
    if (this.worker) return;
    this.spawn();
  }

  /** Queues a cell; returns its run id. Runs go to the worker one at a time, in order. */
  execute(cellId: string, code: string): string {
    this.start();
    this.nextId += 1;
    const run: Run = { runId: `run-${this.idPrefix}-${this.nextId}`, cellId, code };
    this.queue.push(run);
    this.pump();
    this.updateState();
    return run.runId;
  }

  /** The run the worker is executing now, if any. */
  get currentRun(): { runId: string; cellId: string } | null {
    return this.current ? { runId: this.current.runId, cellId: this.current.cellId } : null;
  }

  /** Runs waiting behind the current one. */
  get queuedRuns(): { runId: string; cellId: string }[] {
    return this.queue.map(({ runId, cellId }) => ({ runId, cellId }));
  }

  /** True while the cell has a run queued or running (so a second click does not queue it twice). */
  isPending(cellId: string): boolean {
    return this.current?.cellId === cellId || this.queue.some((r) => r.cellId === cellId);
  }

  /**
   * Stops the current run and cancels the queue, keeping the kernel's state when the run stops in time. With a
   * shared flag the kernel stops at its next check (every batch, every backward); without one, the `interrupt`
   * message still reaches a run that awaits between steps. A run that does not stop within the grace period is
   * ended by replacing the worker.
   */
  interrupt(): void {
    this.cancelQueue();
    const run = this.current;
    if (!run) return;
    if (this.flag) Atomics.store(this.flag, 0, 1);
    this.post({ type: "interrupt", runId: run.runId });
    this.clearHardStop();
    this.hardStopTimer = setTimeout(() => {
      if (this.current?.runId === run.runId) this.replaceWorker("interrupted");
    }, this.options.interruptGraceMs);
  }

  /** A fresh kernel: the running and queued cells end, the notebook document is untouched. */
  restart(): void {
    this.cancelQueue();
    this.replaceWorker("kernel-restarted");
  }

  /** Asks the kernel for the trained weights; they arrive as a `download`. */
  exportWeights(): void {
    this.start();
    this.nextId += 1;
    this.post({ type: "export-weights", requestId: `export-${this.idPrefix}-${this.nextId}` });
  }

  dispose(): void {
    this.clearHardStop();
    this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }

  private emit(event: KernelEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private post(message: ToKernel): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const worker = this.options.createWorker();
    this.worker = worker;
    this.ready = false;
    this.crashed = false;
    this.workerState = "starting";
    // Listeners are bound to this worker: after a restart, a dying worker's last messages go nowhere.
    worker.onmessage = (event) => {
      if (this.worker === worker) this.handle(event.data);
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      const reason = event.message || "the kernel worker failed to load";
      // Before `ready` the worker never started: that is fatal. Later, the worker's own catch missed something;
      // say so, and leave the run to finish or be interrupted.
      if (this.ready) this.emit({ type: "kernel-error", ename: "KernelError", evalue: reason });
      else this.handleCrash(reason);
    };
    this.flag = this.options.sharedInterrupt ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.updateState();
    const { backend, mnistBaseUrl, wasmBaseUrl } = this.options;
    this.post({
      type: "init",
      backend,
      mnistBaseUrl,
      wasmBaseUrl,
      ...(this.flag ? { interruptFlag: this.flag.buffer as SharedArrayBuffer } : {}),
    });
  }

  private pump(): void {
    if (!this.ready || this.current || !this.worker) return;
    const run = this.queue.shift();
    if (!run) return;
    this.current = run;
    run.startedAt = Date.now();
    if (this.flag) Atomics.store(this.flag, 0, 0);
    this.emit({ type: "run-start", runId: run.runId, cellId: run.cellId, startedAt: run.startedAt });
    this.post({ type: "execute", runId: run.runId, cellId: run.cellId, code: run.code });
  }

  /**
   * The state the status bar shows. It is "busy" from the moment a run is queued until its `done` arrives, so
   * "idle" never shows while a run is on its way or before its last outputs; a failed start stays "error".
   */
  private computeState(): KernelState {
    if (this.crashed) return "error";
    if (!this.ready) return this.workerState === "error" ? "error" : "starting";
    if (this.current || this.queue.length > 0) return "busy";
    return this.workerState === "starting" ? "idle" : this.workerState;
  }

  private updateState(): void {
    const state = this.computeState();
    if (state === this.shownState) return;
    this.shownState = state;
    this.emit({ type: "state", state });
  }

  private handle(message: FromKernel): void {
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.crashed = false;
        this.emit({ type: "ready", backend: message.backend, note: message.backendNote });
        this.pump();
        this.updateState();
        return;
      case "status":
        this.workerState = message.state;
        this.updateState();
        return;
      case "stream":
      case "display":
      case "metrics":
      case "progress":
        this.forward(message);
        return;
      case "error":
        if (message.runId === undefined) this.emit({ type: "kernel-error", ename: message.ename, evalue: message.evalue });
        else this.forward(message);
        return;
      case "done":
        if (this.current?.runId !== message.runId) return;
        this.finish(message.ok, "done", message.elapsedMs);
        return;
      case "download":
        if (message.runId !== undefined && message.runId !== this.current?.runId) return;
        this.options.saveFile(message.filename, message.mime, message.buffer);
        this.emit({ type: "download", filename: message.filename, bytes: message.buffer.byteLength });
        return;
      default: {
        const unknown: never = message;
        this.emit({ type: "kernel-error", ename: "ProtocolError", evalue: `unknown kernel message ${JSON.stringify(unknown)}` });
      }
    }
  }

  /** Passes a run's message on if the run is current; a stale run's messages are dropped. */
  private forward(message: RunMessage): void {
    const run = this.current;
    if (!run || message.runId !== run.runId) return;
    this.emit({ type: "run-message", runId: run.runId, cellId: run.cellId, message });
  }

  private finish(ok: boolean, reason: RunEndReason, elapsedMs?: number): void {
    const run = this.current;
    if (!run) return;
    elapsedMs ??= run.startedAt === undefined ? 0 : Date.now() - run.startedAt;
    this.current = null;
    this.clearHardStop();
    this.emit({ type: "run-end", runId: run.runId, cellId: run.cellId, ok, reason, elapsedMs });
    // Like Jupyter, a failed cell stops "Run all": the cells queued after it would only fail too.
    if (!ok) this.cancelQueue();
    this.pump();
    this.updateState();
  }

  private cancelQueue(): void {
    const cancelled = this.queue;
    this.queue = [];
    for (const run of cancelled) {
      this.emit({ type: "run-end", runId: run.runId, cellId: run.cellId, ok: false, reason: "cancelled", elapsedMs: 0 });
    }
    this.updateState();
  }

  private handleCrash(reason: string): void {
    this.crashed = true;
    this.updateState();
    this.emit({ type: "kernel-error", ename: "KernelDied", evalue: reason });
    this.cancelQueue();
    this.finish(false, "kernel-died");
  }

  private replaceWorker(reason: RunEndReason): void {
    this.clearHardStop();
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
    this.finish(false, reason);
    if (reason === "kernel-restarted" || reason === "interrupted") this.emit({ type: "kernel-restarted", reason });
    this.spawn();
  }

  private clearHardStop(): void {
    if (this.hardStopTimer !== null) clearTimeout(this.hardStopTimer);
    this.hardStopTimer = null;
  }
}
