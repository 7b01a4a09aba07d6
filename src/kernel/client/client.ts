// The page's one handle on the kernel worker: owns the Worker, queues runs, drops stale messages, saves downloads.
import type { ExecuteOptions, KernelClientOptions, KernelEvent, RunEndReason, RunMessage, WeightsOutcome, WorkerLike } from "./client-types";
import { Heartbeat } from "./heartbeat";
import { KernelRequests } from "./client-requests";
import { RunQueue } from "./client-runs";
import { deviceLostNotice, KernelStatus, STOPPED_ANSWERING, UNREADABLE } from "./client-status";
import { StartupTracker, startupEvents } from "./client-startup";
import { bindWorker, resolveOptions, type ResolvedOptions } from "./client-worker";
import type { ExportFormat, FromKernel, KernelState, ToKernel, VarInfo, WidgetReply, WidgetRequest } from "../protocol";

export { backendFromSearch, saveWithAnchor } from "./client-browser";
export type { ExecuteOptions, KernelClientOptions, KernelEvent, RunEndReason, RunMessage, StartupProgress, WeightsOutcome, WorkerLike } from "./client-types";

export class KernelClient {
  private worker: WorkerLike | null = null;
  private readonly status = new KernelStatus();
  /** What the starting kernel is doing (the status bar's words), and its phases' times. */
  readonly startup = new StartupTracker();
  private readonly runs = new RunQueue();
  private listeners = new Set<(event: KernelEvent) => void>();
  private flag: Int32Array | null = null;
  private hardStopTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat = new Heartbeat();
  /** When the current worker last said anything (Date.now()). */
  private lastHeard = 0;
  /** Set once a WebGPU device is lost: every later kernel starts on the next backend. */
  private avoidWebGpu = false;
  /** Weights, MNIST, widget and inspector requests and their replies. */
  private readonly requests = new KernelRequests((message, transfer) => {
    this.start();
    this.worker?.postMessage(message, transfer);
  });
  private readonly options: ResolvedOptions;

  constructor(options: KernelClientOptions) {
    this.options = resolveOptions(options);
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
    const run = this.runs.add(cellId, code, options);
    this.pump();
    this.updateState();
    return run.runId;
  }

  /** The run the worker is executing now, if any. */
  get currentRun(): { runId: string; cellId: string } | null {
    const run = this.runs.current;
    return run ? { runId: run.runId, cellId: run.cellId } : null;
  }

  /** Runs waiting behind the current one. */
  get queuedRuns(): { runId: string; cellId: string }[] {
    return this.runs.queued;
  }

  /** True while the cell has a run queued or running (so a second click does not queue it twice). */
  isPending(cellId: string): boolean {
    return this.runs.isPending(cellId);
  }

  /**
   * Stops the current run and cancels the queue, keeping the kernel's state when the run stops in time. With a
   * shared flag the kernel stops at its next check (every batch, every backward); without one, the `interrupt`
   * message still reaches a run that awaits between steps. A run that does not stop within the grace period is
   * ended by replacing the worker.
   */
  interrupt(): void {
    this.cancelQueue();
    const run = this.runs.current;
    if (!run) return;
    if (this.flag) Atomics.store(this.flag, 0, 1);
    this.post({ type: "interrupt", runId: run.runId });
    this.clearHardStop();
    this.hardStopTimer = setTimeout(() => {
      if (this.runs.current?.runId === run.runId) this.replaceWorker("interrupted");
    }, this.options.interruptGraceMs);
  }

  /** A fresh kernel: the running and queued cells end, the notebook document is untouched. */
  restart(): void {
    this.cancelQueue();
    this.replaceWorker("kernel-restarted");
  }

  /** Asks the kernel for the model in scope in `format`; the files arrive as downloads, then the outcome. */
  exportWeights(format?: ExportFormat): Promise<WeightsOutcome> {
    return this.requests.exportWeights(format);
  }

  /** Hands an uploaded file to the kernel, which keeps it for loadWeights() and loads it into the model in scope. */
  importWeights(filename: string, buffer: ArrayBuffer): Promise<WeightsOutcome> {
    return this.requests.importWeights(filename, buffer);
  }

  /** Hands MNIST files the learner uploaded to the kernel, which checks them and keeps them in this browser. */
  importMnist(files: Array<{ name: string; buffer: ArrayBuffer }>): Promise<WeightsOutcome> {
    return this.requests.importMnist(files);
  }

  /** Asks a live output's kernel-side widget (the draw pad); answered even while a run is busy. */
  widgetRequest(widgetId: string, request: WidgetRequest): Promise<WidgetReply> {
    return this.requests.widget(widgetId, request);
  }

  /** The variable inspector's rows: every user variable in the kernel (asked only while the panel is open). */
  inspect(): Promise<VarInfo[]> {
    return this.requests.inspect();
  }

  dispose(): void {
    this.heartbeat.stop();
    this.requests.settleAll(); // the worker that owned the widgets is gone: so are they
    this.clearHardStop();
    this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }

  /** What the status bar should show now: for a view that subscribes after the kernel already said something. */
  get shown(): { state: KernelState } & KernelStatus["seen"] {
    return { state: this.status.current(this.runs.busy), ...this.status.seen };
  }

  private emit(event: KernelEvent): void {
    this.status.note(event);
    for (const listener of this.listeners) listener(event);
  }

  private post(message: ToKernel): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const worker = this.options.createWorker();
    this.worker = worker;
    this.status.reset();
    this.emit({ type: "startup", progress: this.startup.begin() });
    bindWorker(worker, {
      isCurrent: () => this.worker === worker,
      message: (message) => {
        this.lastHeard = Date.now();
        this.handle(message);
      },
      // Before `ready` the worker never started: that is fatal. Later, the worker's own catch missed something;
      // say so, and leave the run to finish or be interrupted.
      failed: (reason) => (this.status.ready ? this.emit({ type: "kernel-error", ename: "KernelError", evalue: reason }) : this.handleCrash(reason)),
      unreadable: () => this.emit({ type: "kernel-error", ename: "MessageError", evalue: UNREADABLE }),
    });
    this.startHeartbeat(worker);
    this.flag = this.options.sharedInterrupt ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.updateState();
    const { backend, mnistBaseUrl, wasmBaseUrl } = this.options;
    const flag = this.flag ? { interruptFlag: this.flag.buffer as SharedArrayBuffer } : {};
    this.post({ type: "init", backend, mnistBaseUrl, wasmBaseUrl, ...flag, ...(this.avoidWebGpu ? { avoidWebGpu: true } : {}) });
  }

  private pump(): void {
    if (!this.status.ready || !this.worker) return;
    const run = this.runs.startNext();
    if (!run) return;
    if (this.flag) Atomics.store(this.flag, 0, 0);
    this.emit({ type: "run-start", runId: run.runId, cellId: run.cellId, startedAt: run.startedAt ?? Date.now() });
    const { runId, cellId, code, notebookId, mode } = run;
    this.post({ type: "execute", runId, cellId, code, ...(notebookId ? { notebookId } : {}), ...(mode ? { mode } : {}) });
  }

  private updateState(): void {
    const state = this.status.changed(this.runs.busy);
    if (state) this.emit({ type: "state", state });
  }

  private handle(message: FromKernel): void {
    switch (message.type) {
      case "ready":
        this.emit(this.startup.finish());
        this.status.ready = true;
        this.status.crashed = false;
        this.emit({ type: "ready", backend: message.backend, note: message.backendNote });
        this.pump();
        this.updateState();
        return;
      case "startup":
      case "backend-note":
        for (const event of startupEvents(this.startup, message)) this.emit(event);
        return;
      case "status":
        if (message.state === "error" && !this.status.ready) this.emit(this.startup.fail());
        this.status.worker = message.state;
        this.updateState();
        return;
      case "stream":
      case "display":
      case "metrics":
      case "progress":
        this.forward(message);
        return;
      case "error":
        if (message.requestId !== undefined) this.requests.weightsReply(message.requestId, { ok: false, message: `${message.ename}: ${message.evalue}` });
        if (message.runId === undefined) this.emit({ type: "kernel-error", ename: message.ename, evalue: message.evalue });
        else this.forward(message);
        return;
      case "weights-result":
      case "widget-reply":
      case "inspect-reply":
        this.requests.reply(message);
        return;
      case "done":
        if (this.runs.current?.runId !== message.runId) return;
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
        this.emit({ type: "kernel-error", ename: "DeviceLost", evalue: deviceLostNotice(message.backend, message.message) });
        this.replaceWorker("kernel-restarted");
        return;
      case "download":
        if (message.runId !== undefined && message.runId !== this.runs.current?.runId) return;
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
    const run = this.runs.current;
    if (!run || message.runId !== run.runId) return;
    this.emit({ type: "run-message", runId: run.runId, cellId: run.cellId, message });
  }

  private finish(ok: boolean, reason: RunEndReason, elapsedMs?: number): void {
    const run = this.runs.endCurrent();
    if (!run) return;
    elapsedMs ??= run.startedAt === undefined ? 0 : Date.now() - run.startedAt;
    this.clearHardStop();
    this.emit({ type: "run-end", runId: run.runId, cellId: run.cellId, ok, reason, elapsedMs });
    // Like Jupyter, a failed cell stops "Run all": the cells queued after it would only fail too.
    if (!ok) this.cancelQueue();
    this.pump();
    this.updateState();
  }

  private cancelQueue(): void {
    for (const run of this.runs.cancelWaiting()) {
      this.emit({ type: "run-end", runId: run.runId, cellId: run.cellId, ok: false, reason: "cancelled", elapsedMs: 0 });
    }
    this.updateState();
  }

  private handleCrash(reason: string): void {
    if (!this.status.ready) this.emit(this.startup.fail());
    this.status.crashed = true;
    this.updateState();
    this.emit({ type: "kernel-error", ename: "KernelDied", evalue: reason });
    this.cancelQueue();
    this.finish(false, "kernel-died");
  }

  private replaceWorker(reason: RunEndReason): void {
    this.clearHardStop();
    this.worker?.terminate();
    this.worker = null;
    this.status.ready = false;
    this.requests.settleAll(); // the worker that owned the widgets is gone: so are they
    this.finish(false, reason);
    if (reason === "kernel-restarted" || reason === "interrupted") this.emit({ type: "kernel-restarted", reason });
    this.spawn();
  }

  /** Pings the worker (heartbeat.ts); an idle, started kernel silent for 3 periods is dead. */
  private startHeartbeat(worker: WorkerLike): void {
    this.heartbeat.start(this.options.heartbeatMs, {
      current: () => this.worker === worker && !this.status.crashed,
      isIdle: () => this.status.ready && !this.runs.busy,
      lastHeard: () => this.lastHeard,
      ping: (seq) => worker.postMessage({ type: "ping", seq }),
      dead: () => this.handleCrash(STOPPED_ANSWERING),
    });
  }

  private clearHardStop(): void {
    if (this.hardStopTimer !== null) clearTimeout(this.hardStopTimer);
    this.hardStopTimer = null;
  }
}
