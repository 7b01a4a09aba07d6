// The kernel behind the worker: a queue of runs over one shared scope, with output, metrics and errors as messages.
import { assertNever } from "../lib/invariant";
import { captureConsole, makeBuiltins, type Builtins } from "./builtins";
import { compileCell } from "./compile-cell";
import { repr } from "./format";
import { LossTracker, type LossRoot } from "./loss-tracker";
import { Batcher, groupByRun, mergeStreams, type BatcherClock, type StreamChunk } from "./metrics";
import type { BackendChoice, BackendName, FromKernel, MetricPoint, MimeBundle, ToKernel } from "./protocol";
import { runCell } from "./run-cell";
import { createScope, recentVars, type KernelScope } from "./scope";
import { syntaxTraceback } from "./stack";

/** MNIST download progress as data/mnist reports it (bytes of one file). */
export interface MnistProgress {
  file: string;
  loaded: number;
  total: number;
}

/** Everything the kernel takes from the layers below, injected so it runs in Node tests with fakes. */
export interface KernelDeps<K extends { dispose(): void }> {
  api: Record<string, unknown>;
  initBackend(choice: BackendChoice, opts: { wasmBaseUrl: string }): Promise<{ backend: BackendName; note: string }>;
  configureMnist(opts: { baseUrl: string; onProgress: (p: MnistProgress) => void }): void;
  setInterruptCheck(fn: () => boolean): void;
  isModule(value: unknown): boolean;
  stateDictToSafetensors(model: unknown): Uint8Array;
  onBackward(listener: (root: LossRoot<K>) => void): unknown;
  readScalars(ts: K[]): number[];
  /** The console whose log/info/debug (stdout) and warn/error (stderr) are captured during runs. */
  console?: Pick<Console, "log" | "info" | "debug" | "warn" | "error">;
  clock?: BatcherClock;
}

export type Post = (msg: FromKernel, transfer?: Transferable[]) => void;

type Execute = Extract<ToKernel, { type: "execute" }>;
type Init = Extract<ToKernel, { type: "init" }>;

export class Kernel<K extends { dispose(): void }> {
  private chain: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private readonly cancelled = new Set<string>();
  private runId: string | undefined;
  private lastRunId: string | undefined;
  private ready = false;
  private initFailure = "the page has not sent `init` yet";
  private interruptRequested = false;
  private sharedFlag: Int32Array | undefined;
  private readonly scope: KernelScope;
  private readonly builtins: Builtins;
  private readonly streams: Batcher<StreamChunk>;
  private readonly metrics: Batcher<MetricPoint & { runId: string }>;
  private readonly loss: LossTracker<K>;

  constructor(
    private readonly deps: KernelDeps<K>,
    private readonly post: Post,
  ) {
    this.streams = new Batcher((chunks) => this.sendStreams(chunks), 100, deps.clock);
    this.metrics = new Batcher((points) => this.sendMetrics(points), 100, deps.clock);
    this.loss = new LossTracker<K>({
      readScalars: (ts) => deps.readScalars(ts),
      emit: (points) => this.pushMetrics(points),
      onError: (e) => this.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`),
      now: deps.clock ? () => deps.clock!.now() : undefined,
    });
    this.builtins = makeBuiltins({
      write: (name, text) => this.write(name, text),
      display: (data) => this.display(data),
      metrics: (points) => this.pushMetrics(points),
      userLoggedLoss: () => this.loss.stop(),
      isModule: (v) => deps.isModule(v),
      stateDictToSafetensors: (m) => deps.stateDictToSafetensors(m),
      download: (filename, bytes) => this.download(filename, bytes, { runId: this.currentRun() }),
    });
    this.scope = createScope(deps.api, this.builtins.functions);
    deps.onBackward((root) => this.loss.onBackward(root));
    if (deps.console) captureConsole(deps.console, (name, text) => this.write(name, text), () => this.currentRun());
  }

  /** The user's variables (for tests and the export button). */
  get vars(): Record<string, unknown> {
    return this.scope.vars;
  }

  /** Every message from the page. Runs and exports queue, in order; `interrupt` acts at once. */
  receive(msg: ToKernel): void {
    switch (msg.type) {
      case "interrupt":
        return this.interrupt(msg.runId);
      case "init":
        return this.enqueue(() => this.init(msg));
      case "execute":
        this.queued.add(msg.runId);
        return this.enqueue(() => this.execute(msg));
      case "export-weights":
        return this.enqueue(() => this.exportModel(msg.requestId));
      default:
        assertNever(msg, "message to the kernel");
    }
  }

  /** Resolves when every queued message has been handled (tests). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Anything that escaped: an `error` message, never silence. */
  reportUncaught(e: unknown): void {
    this.flushOutputs();
    const { ename, evalue } = summarize(e);
    const stack = e instanceof Error && e.stack ? e.stack.split("\n").slice(1, 6) : [];
    const where = "  (raised outside the cell's own code: in a callback, a timer, or a library's background worker)";
    const traceback = [`${ename}: ${evalue}`, where, ...stack];
    this.post({ type: "error", runId: this.currentRun(), ename, evalue, traceback });
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.chain = this.chain.then(task).catch((e: unknown) => this.reportUncaught(e));
  }

  private interrupt(runId: string): void {
    if (runId === this.runId) this.interruptRequested = true;
    else if (this.queued.has(runId)) this.cancelled.add(runId);
  }

  private interrupted(): boolean {
    return this.interruptRequested || (this.sharedFlag !== undefined && Atomics.load(this.sharedFlag, 0) === 1);
  }

  private async init(msg: Init): Promise<void> {
    try {
      this.sharedFlag = msg.interruptFlag ? new Int32Array(msg.interruptFlag) : undefined;
      this.deps.setInterruptCheck(() => this.interrupted());
      this.deps.configureMnist({ baseUrl: msg.mnistBaseUrl, onProgress: (p) => this.progress(p) });
      const { backend, note } = await this.deps.initBackend(msg.backend, { wasmBaseUrl: msg.wasmBaseUrl });
      this.ready = true;
      this.post({ type: "ready", backend, backendNote: note });
      this.post({ type: "status", state: "idle" });
    } catch (e) {
      const { ename, evalue } = summarize(e);
      this.initFailure = `the "${msg.backend}" backend failed to start (${evalue}); reload the page or pick another backend`;
      this.post({ type: "error", ename, evalue: `Kernel start failed: ${this.initFailure}`, traceback: [`${ename}: ${evalue}`] });
      this.post({ type: "status", state: "error" });
    }
  }

  private async execute(msg: Execute): Promise<void> {
    const { runId } = msg;
    this.queued.delete(runId);
    const started = Date.now();
    if (this.cancelled.delete(runId) || !this.ready) {
      const [ename, evalue] = this.ready
        ? ["KeyboardInterrupt", "Interrupted before it started"]
        : ["KernelError", `The kernel cannot run code: ${this.initFailure}`];
      this.post({ type: "error", runId, ename, evalue, traceback: [`${ename}: ${evalue}`] });
      this.post({ type: "done", runId, ok: false, elapsedMs: 0 });
      return;
    }
    this.beginRun(runId);
    let ok = false;
    try {
      ok = await this.runCode(runId, msg.code, msg.cellId);
    } finally {
      this.endRun();
      this.post({ type: "done", runId, ok, elapsedMs: Date.now() - started });
      this.post({ type: "status", state: "idle" });
    }
  }

  private async runCode(runId: string, code: string, cellId: string): Promise<boolean> {
    const compiled = compileCell(code, cellId);
    if (!compiled.ok) {
      const { ename, evalue, line, column } = compiled;
      const traceback = syntaxTraceback(code, line, column, `${ename}: ${evalue}`);
      this.post({ type: "error", runId, ename, evalue, line, column, traceback });
      return false;
    }
    const outcome = await runCell(compiled, this.scope);
    this.finishLossChart();
    this.flushOutputs();
    if (!outcome.ok) {
      const { ename, evalue, line, column, traceback } = outcome;
      this.post({ type: "error", runId, ename, evalue, line, column, traceback });
      return false;
    }
    if (outcome.value !== undefined) {
      this.post({ type: "display", runId, data: { "text/plain": repr(outcome.value) } });
    }
    return true;
  }

  private beginRun(runId: string): void {
    this.flushOutputs();
    this.runId = runId;
    this.lastRunId = runId;
    this.interruptRequested = false;
    if (this.sharedFlag) Atomics.store(this.sharedFlag, 0, 0);
    this.builtins.resetRun();
    this.loss.begin();
    this.post({ type: "status", state: "busy" });
  }

  private endRun(): void {
    this.finishLossChart();
    this.flushOutputs();
    this.runId = undefined;
  }

  /** Reads the last pending losses; a failing read costs the chart, never the run's result. */
  private finishLossChart(): void {
    try {
      this.loss.end();
    } catch (e) {
      this.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`);
    }
  }

  private exportModel(requestId: string): void {
    const model = this.findModel();
    if (model === undefined) {
      const evalue = "No model to export: define one, e.g. const model = new nn.Linear(784, 10)";
      this.post({ type: "error", requestId, ename: "ValueError", evalue, traceback: [`ValueError: ${evalue}`] });
      return;
    }
    try {
      this.download("model.safetensors", this.deps.stateDictToSafetensors(model), { requestId });
    } catch (e) {
      const { ename, evalue } = summarize(e);
      this.post({ type: "error", requestId, ename, evalue, traceback: [`${ename}: ${evalue}`] });
    }
  }

  /** The variable `model` if it is a Module, else the most recently assigned Module. */
  private findModel(): unknown {
    const vars = this.scope.vars;
    if (Object.prototype.hasOwnProperty.call(vars, "model") && this.deps.isModule(vars.model)) return vars.model;
    for (const [, value] of recentVars(this.scope)) if (this.deps.isModule(value)) return value;
    return undefined;
  }

  private download(filename: string, bytes: Uint8Array, ids: { runId?: string; requestId?: string }): void {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
    this.flushOutputs();
    this.post({ type: "download", ...ids, filename, mime: "application/octet-stream", buffer }, [buffer]);
  }

  private progress(p: MnistProgress): void {
    const runId = this.currentRun();
    if (runId !== undefined) this.post({ type: "progress", runId, label: p.file, loaded: p.loaded, total: p.total });
  }

  private currentRun(): string | undefined {
    return this.runId ?? this.lastRunId;
  }

  private write(name: "stdout" | "stderr", text: string): void {
    const runId = this.currentRun();
    if (runId === undefined) return void (name === "stderr" ? this.deps.console?.error : this.deps.console?.log)?.(text);
    this.streams.push({ runId, name, text });
  }

  private display(data: MimeBundle): void {
    const runId = this.currentRun();
    if (runId === undefined) return;
    this.flushOutputs();
    this.post({ type: "display", runId, data });
  }

  private pushMetrics(points: MetricPoint[]): void {
    const runId = this.currentRun();
    if (runId !== undefined) this.metrics.push(...points.map((p) => ({ ...p, runId })));
  }

  /** Streams and metrics go out before any other message, so the page sees output in order. */
  private flushOutputs(): void {
    this.streams.flush();
    this.metrics.flush();
  }

  private sendStreams(chunks: StreamChunk[]): void {
    for (const c of mergeStreams(chunks)) this.post({ type: "stream", runId: c.runId, name: c.name, text: c.text });
  }

  private sendMetrics(points: Array<MetricPoint & { runId: string }>): void {
    for (const [runId, group] of groupByRun(points)) {
      this.post({ type: "metrics", runId, points: group.map(({ runId: _, ...p }) => p) });
    }
  }
}

/**
 * Name and message of anything thrown or reported: Errors, error-likes such as the ErrorEvent a library's own
 * worker fails with ("Uncaught ReferenceError: e is not defined"), and plain values.
 */
function summarize(e: unknown): { ename: string; evalue: string } {
  if (e instanceof Error) return { ename: e.name || "Error", evalue: e.message };
  const message = (e as { message?: unknown } | null)?.message;
  const text = typeof message === "string" && message ? message : typeof e === "string" ? e : repr(e);
  const m = /^(?:Uncaught )?([A-Z]\w*(?:Error|Exception)): ([\s\S]*)$/.exec(text);
  return m ? { ename: m[1], evalue: m[2] } : { ename: "Error", evalue: text.replace(/^Uncaught /, "") };
}
