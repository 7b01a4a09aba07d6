// The page's one handle on the kernel worker: owns the Worker, queues runs, drops stale messages, saves downloads.
import type { BackendChoice, BackendName, ExportFormat, FromKernel, KernelState, RunMode, ToKernel, VarInfo, WidgetReply, WidgetRequest } from "./protocol";

/** How an Export/Import control request ended: the files or summary, or the error (also shown as a kernel error). */
export interface WeightsOutcome {
  ok: boolean;
  message: string;
}

/** The part of `Worker` the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: ToKernel, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromKernel>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  /** A message the page could not deserialize (optional: fakes may leave it out). */
  onmessageerror?: ((event: MessageEvent) => void) | null;
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
  /**
   * Heartbeat period: an idle kernel that answers nothing for 3 periods is declared dead (a crash, out of memory,
   * `close()`), shown as an error with a one-click Restart. 0 turns it off; defaults to 2000 with the real worker.
   */
  heartbeatMs?: number;
}

/** Where a run's `resumable()` checkpoints go, and whether it resumes from the last one. */
export interface ExecuteOptions {
  notebookId?: string;
  mode?: RunMode;
}

interface Run extends ExecuteOptions {
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

/** `?backend=webgpu|webgl|fastcpu|wasm|cpu` picks a backend; anything else means `auto`. */
export function backendFromSearch(search: string): BackendChoice {
  const value = new URLSearchParams(search).get("backend");
  return value === "webgpu" || value === "webgl" || value === "fastcpu" || value === "wasm" || value === "cpu" ? value : "auto";
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
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** When the current worker last said anything (Date.now()). */
  private lastHeard = 0;
  /** Set once a WebGPU device is lost: every later kernel starts on the next backend. */
  private avoidWebGpu = false;
  private nextId = 0;
  /** Widget requests waiting for their reply; a replaced worker answers them all with "gone". */
  private readonly widgetWaits = new Map<string, (reply: WidgetReply) => void>();
  private readonly inspectWaits = new Map<string, (vars: VarInfo[]) => void>();
  /** Export/Import control requests waiting for their `weights-result` or `error`. */
  private readonly weightsWaits = new Map<string, (outcome: WeightsOutcome) => void>();
  private readonly idPrefix = Math.random().toString(36).slice(2, 8);
  private readonly options: Required<Omit<KernelClientOptions, "sharedInterrupt">> & { sharedInterrupt: boolean };

  constructor(options: KernelClientOptions) {
    this.options = {
      createWorker: defaultWorker,
      saveFile: saveWithAnchor,
      interruptGraceMs: 3000,
      heartbeatMs: options.createWorker ? 0 : 2000,
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
  execute(cellId: string, code: string, options: ExecuteOptions = {}): string {
    this.start();
    this.nextId += 1;
    const run: Run = { runId: `run-${this.idPrefix}-${this.nextId}`, cellId, code, ...options };
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

  /** Asks the kernel for the model in scope in `format`; the files arrive as downloads, then the outcome. */
  exportWeights(format?: ExportFormat): Promise<WeightsOutcome> {
    return this.weightsRequest("export", (requestId) => ({ type: "export-weights", requestId, ...(format ? { format } : {}) }));
  }

  /** Hands an uploaded file to the kernel, which keeps it for loadWeights() and loads it into the model in scope. */
  importWeights(filename: string, buffer: ArrayBuffer): Promise<WeightsOutcome> {
    return this.weightsRequest("import", (requestId) => ({ type: "import-weights", requestId, filename, buffer }));
  }

  /** Hands MNIST files the learner uploaded to the kernel, which checks them and keeps them in this browser. */
  importMnist(files: Array<{ name: string; buffer: ArrayBuffer }>): Promise<WeightsOutcome> {
    return this.weightsRequest("mnist", (requestId) => ({ type: "import-mnist", requestId, files }));
  }

  private weightsRequest(kind: string, message: (requestId: string) => ToKernel): Promise<WeightsOutcome> {
    this.start();
    this.nextId += 1;
    const requestId = `${kind}-${this.idPrefix}-${this.nextId}`;
    return new Promise((resolve) => {
      this.weightsWaits.set(requestId, resolve);
      const msg = message(requestId);
      const transfer = msg.type === "import-weights" ? [msg.buffer] : msg.type === "import-mnist" ? msg.files.map((f) => f.buffer) : [];
      this.worker?.postMessage(msg, transfer);
    });
  }

  /** Asks a live output's kernel-side widget (the draw pad); answered even while a run is busy. */
  widgetRequest(widgetId: string, request: WidgetRequest): Promise<WidgetReply> {
    this.start();
    this.nextId += 1;
    const requestId = `widget-${this.idPrefix}-${this.nextId}`;
    return new Promise((resolve) => {
      this.widgetWaits.set(requestId, resolve);
      this.post({ type: "widget", requestId, widgetId, request });
    });
  }

  /** The variable inspector's rows: every user variable in the kernel (asked only while the panel is open). */
  inspect(): Promise<VarInfo[]> {
    this.start();
    this.nextId += 1;
    const requestId = `inspect-${this.idPrefix}-${this.nextId}`;
    return new Promise((resolve) => {
      this.inspectWaits.set(requestId, resolve);
      this.post({ type: "inspect", requestId });
    });
  }

  dispose(): void {
    this.stopHeartbeat();
    this.answerWidgets();
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
      if (this.worker !== worker) return;
      this.lastHeard = Date.now();
      this.handle(event.data);
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      const reason = event.message || "the kernel worker failed to load";
      // Before `ready` the worker never started: that is fatal. Later, the worker's own catch missed something;
      // say so, and leave the run to finish or be interrupted.
      if (this.ready) this.emit({ type: "kernel-error", ename: "KernelError", evalue: reason });
      else this.handleCrash(reason);
    };
    worker.onmessageerror = () => {
      if (this.worker !== worker) return;
      const evalue = "a message from the kernel could not be read (its data did not survive the copy); the run's output may be incomplete";
      this.emit({ type: "kernel-error", ename: "MessageError", evalue });
    };
    this.startHeartbeat(worker);
    this.flag = this.options.sharedInterrupt ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.updateState();
    const { backend, mnistBaseUrl, wasmBaseUrl } = this.options;
    this.post({
      type: "init",
      backend,
      mnistBaseUrl,
      wasmBaseUrl,
      ...(this.flag ? { interruptFlag: this.flag.buffer as SharedArrayBuffer } : {}),
      ...(this.avoidWebGpu ? { avoidWebGpu: true } : {}),
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
    const { runId, cellId, code, notebookId, mode } = run;
    this.post({ type: "execute", runId, cellId, code, ...(notebookId ? { notebookId } : {}), ...(mode ? { mode } : {}) });
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
        if (message.requestId !== undefined) this.answerWeights(message.requestId, { ok: false, message: `${message.ename}: ${message.evalue}` });
        if (message.runId === undefined) this.emit({ type: "kernel-error", ename: message.ename, evalue: message.evalue });
        else this.forward(message);
        return;
      case "weights-result":
        this.answerWeights(message.requestId, { ok: true, message: message.message });
        return;
      case "done":
        if (this.current?.runId !== message.runId) return;
        this.finish(message.ok, "done", message.elapsedMs);
        return;
      case "pong":
        return; // its arrival already counted as a sign of life
      case "out-of-memory":
        // The banner says it even after the cell scrolls away; a poisoned backend gets a fresh worker at once.
        this.emit({ type: "kernel-error", ename: "OutOfMemoryError", evalue: message.message });
        if (message.restarting) this.replaceWorker("kernel-restarted");
        return;
      case "device-lost":
        this.avoidWebGpu = true;
        this.emit({
          type: "kernel-error",
          ename: "DeviceLost",
          evalue:
            `The GPU (${message.backend}) was lost: ${message.message}. The kernel restarted on the next backend (shown ` +
            `in the status bar); variables are gone, the notebook and its outputs are kept. Reload the page to try the GPU again.`,
        });
        this.replaceWorker("kernel-restarted");
        return;
      case "widget-reply":
        this.widgetWaits.get(message.requestId)?.(message.reply);
        this.widgetWaits.delete(message.requestId);
        return;
      case "inspect-reply":
        this.inspectWaits.get(message.requestId)?.(message.vars);
        this.inspectWaits.delete(message.requestId);
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
    this.answerWidgets();
    this.finish(false, reason);
    if (reason === "kernel-restarted" || reason === "interrupted") this.emit({ type: "kernel-restarted", reason });
    this.spawn();
  }

  /** The worker that owned the widgets is gone: so are they. */
  private answerWidgets(): void {
    for (const resolve of this.widgetWaits.values()) resolve({ status: "gone" });
    this.widgetWaits.clear();
    for (const resolve of this.inspectWaits.values()) resolve([]); // a fresh kernel has no variables
    this.inspectWaits.clear();
    for (const resolve of this.weightsWaits.values()) resolve({ ok: false, message: "The kernel restarted before answering." });
    this.weightsWaits.clear();
  }

  private answerWeights(requestId: string, outcome: WeightsOutcome): void {
    this.weightsWaits.get(requestId)?.(outcome);
    this.weightsWaits.delete(requestId);
  }

  /**
   * Pings the worker; an idle, started kernel silent for 3 periods is dead. A busy one may legitimately be deaf
   * (a synchronous training loop), so it is left to Interrupt's hard stop.
   */
  private startHeartbeat(worker: WorkerLike): void {
    this.stopHeartbeat();
    const period = this.options.heartbeatMs;
    if (period <= 0) return;
    // Judged by an unanswered ping, not by time since the last message: a background tab's timers may not fire for
    // a minute, and that silence is the page's, not the worker's.
    let unansweredSince: number | null = null;
    let seq = 0;
    this.heartbeat = setInterval(() => {
      if (this.worker !== worker || this.crashed) return;
      const now = Date.now();
      if (unansweredSince !== null && this.lastHeard >= unansweredSince) unansweredSince = null;
      if (!this.ready || this.current || this.queue.length > 0) {
        unansweredSince = null; // silence only counts while idle
      } else if (unansweredSince !== null && now - unansweredSince > 3 * period) {
        this.handleCrash(
          `the kernel stopped answering (it crashed or ran out of memory). Press Restart for a fresh kernel; ` +
            `the notebook and its outputs are kept, the variables are lost`,
        );
        return;
      }
      unansweredSince ??= now;
      worker.postMessage({ type: "ping", seq: ++seq });
    }, period);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private clearHardStop(): void {
    if (this.hardStopTimer !== null) clearTimeout(this.hardStopTimer);
    this.hardStopTimer = null;
  }
}
