// The kernel behind the worker: a queue of runs over one shared scope, with output, metrics and errors as messages.
import { assertNever } from "../lib/invariant";
import { captureConsole, makeBuiltins, type Builtins } from "./builtins";
import { compileCell } from "./compile-cell";
import { repr } from "./format";
import { LoopTracker, latestLoops, type LoopHandleLike, type LoopStartInfo } from "./loop-progress";
import { EpochLoss, LossTracker, type LossRoot } from "./loss-tracker";
import { PrintedAccuracy } from "./printed-accuracy";
import { makeResumable, type CheckpointEngine, type RunTarget } from "./resumable";
import { Batcher, groupByRun, mergeStreams, type BatcherClock, type StreamChunk } from "./metrics";
import type { BackendChoice, BackendName, FromKernel, LoopProgress, MetricPoint, MimeBundle, ToKernel } from "./protocol";
import { collectHParams, LrTracker, type OptimizerLike } from "./run-info";
import { runCell } from "./run-cell";
import { createScope, recentVars, type KernelScope } from "./scope";
import { syntaxTraceback } from "./stack";
import { WidgetRegistry } from "./drawpad";
import { exportFromControl, importFromControl, type ControlHost, type Uploads, type WeightsFiles } from "./weights-builtins";

/** MNIST download progress as data/mnist reports it (bytes of one file). */
export interface MnistProgress {
  file: string;
  loaded: number;
  total: number;
}

/** Everything the kernel takes from the layers below, injected so it runs in Node tests with fakes. */
export interface KernelDeps<K extends { dispose(): void }> {
  api: Record<string, unknown>;
  initBackend(choice: BackendChoice, opts: { wasmBaseUrl: string; avoidWebGpu?: boolean }): Promise<{ backend: BackendName; note: string }>;
  /** Calls back once if the running backend's GPU device is lost (WebGPU only). */
  onDeviceLost?(listener: (message: string) => void): void;
  configureMnist(opts: { baseUrl: string; onProgress: (p: MnistProgress) => void }): void;
  setInterruptCheck(fn: () => boolean): void;
  isModule(value: unknown): boolean;
  stateDictToSafetensors(model: unknown): Uint8Array;
  onBackward(listener: (root: LossRoot<K>) => void): unknown;
  readScalars(ts: K[]): number[];
  /** optim/step-hooks: every optimizer.step() (for the lr chart). */
  onOptimizerStep?(listener: (opt: OptimizerLike) => void): unknown;
  /** data/loop-hooks: every DataLoader pass (for the progress bar). */
  observeLoops?(observer: (start: LoopStartInfo) => LoopHandleLike | undefined): unknown;
  /** The console whose log/info/debug (stdout) and warn/error (stderr) are captured during runs. */
  console?: Pick<Console, "log" | "info" | "debug" | "warn" | "error">;
  clock?: BatcherClock;
  /** io/checkpoint + the IndexedDB store, for `resumable()`; without it the loop runs but saves nothing. */
  checkpoints?: CheckpointEngine;
  /** io/weights-files: export formats and import; without it exports are safetensors only. */
  weights?: WeightsFiles;
  isOptimizer?(value: unknown): boolean;
}

export type Post = (msg: FromKernel, transfer?: Transferable[]) => void;

type Execute = Extract<ToKernel, { type: "execute" }>;
type Init = Extract<ToKernel, { type: "init" }>;
/** What the metrics batcher carries: chart points and progress-bar snapshots, both tagged with their run. */
type MetricItem = (MetricPoint & { runId: string }) | { runId: string; loop: LoopProgress };

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
  private readonly metrics: Batcher<MetricItem>;
  private readonly loss: LossTracker<K>;
  /** Live outputs (draw pads) by id; a cell's widgets go when it runs again. */
  private readonly widgets = new WidgetRegistry();
  /** Files uploaded with the Import control, for loadWeights() and uploadedFile(). */
  private readonly uploads: Uploads = new Map();
  private cellId = "";
  private readonly lr: LrTracker;
  private readonly printed: PrintedAccuracy;
  private readonly epochLoss: EpochLoss;
  private readonly loops: LoopTracker;
  private trainingOpen = false;
  /** Where `resumable()` keeps this run's checkpoint, and the run's chart points so far (saved with it). */
  private target: RunTarget | undefined;
  private runPoints: MetricPoint[] = [];

  constructor(
    private readonly deps: KernelDeps<K>,
    private readonly post: Post,
  ) {
    this.streams = new Batcher((chunks) => this.sendStreams(chunks), 100, deps.clock);
    this.metrics = new Batcher((points) => this.sendMetrics(points), 100, deps.clock);
    this.loss = new LossTracker<K>({
      readScalars: (ts) => deps.readScalars(ts),
      emit: (points) => {
        this.pushMetrics(points);
        this.epochLoss.onPoints(points);
      },
      onError: (e) => this.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`),
      now: deps.clock ? () => deps.clock!.now() : undefined,
    });
    this.lr = new LrTracker((points) => this.pushMetrics(points));
    this.printed = new PrintedAccuracy(() => this.loss.steps > 0, (points) => this.pushMetrics(points, false));
    this.epochLoss = new EpochLoss((points) => this.pushMetrics(points));
    this.loops = new LoopTracker({
      emit: (loop) => this.pushLoop(loop),
      nameOf: (loader) => this.nameOf(loader),
      lossStep: () => this.loss.steps,
      // Top-level passes that ran backward() are epochs: their mean loss is the automatic per-epoch curve.
      onPassEnd: ({ pass, depth, from, to }) => depth === 0 && this.epochLoss.passEnded(pass, from, to),
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
      weights: deps.weights,
      uploads: this.uploads,
      addWidget: (handler) => this.widgets.add(this.cellId, handler),
    });
    const resumable = makeResumable({
      engine: deps.checkpoints,
      target: () => this.target,
      runMetrics: () => {
        this.readPendingLosses();
        return this.runPoints.slice();
      },
      replayMetrics: (points) => this.replayMetrics(points),
      write: (name, text) => this.write(name, text),
    });
    this.scope = createScope(deps.api, { ...this.builtins.functions, resumable });
    deps.onBackward((root) => this.loss.onBackward(root));
    deps.onOptimizerStep?.((opt) => this.lr.onStep(opt));
    deps.observeLoops?.((start) => this.loops.start(start));
    if (deps.console) captureConsole(deps.console, (name, text) => this.write(name, text), () => this.currentRun());
  }

  /** The user's variables (for tests and the export button). */
  get vars(): Record<string, unknown> {
    return this.scope.vars;
  }

  /** Every message from the page. Runs and exports queue, in order; `interrupt` and `widget` act at once. */
  receive(msg: ToKernel): void {
    switch (msg.type) {
      case "interrupt":
        return this.interrupt(msg.runId);
      case "ping":
        return this.post({ type: "pong", seq: msg.seq });
      case "init":
        return this.enqueue(() => this.init(msg));
      case "execute":
        this.queued.add(msg.runId);
        return this.enqueue(() => this.execute(msg));
      case "widget":
        return this.post({ type: "widget-reply", requestId: msg.requestId, widgetId: msg.widgetId, reply: this.widgets.handle(msg.widgetId, msg.request) });
      case "export-weights":
        return this.enqueue(() => this.weightsRequest(msg.requestId, (host) => exportFromControl(host, msg.format)));
      case "import-weights":
        return this.enqueue(() =>
          this.weightsRequest(msg.requestId, (host) => importFromControl(host, msg.filename, new Uint8Array(msg.buffer))),
        );
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
      const { backend, note } = await this.deps.initBackend(msg.backend, { wasmBaseUrl: msg.wasmBaseUrl, avoidWebGpu: msg.avoidWebGpu });
      this.deps.onDeviceLost?.((message) => this.post({ type: "device-lost", backend, message }));
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
    this.widgets.dropCell(msg.cellId);
    this.cellId = msg.cellId;
    this.beginRun(runId);
    this.target = msg.notebookId ? { notebookId: msg.notebookId, cellId: msg.cellId, mode: msg.mode ?? "run" } : undefined;
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
    this.printed.resetRun();
    this.loss.begin();
    this.lr.begin();
    this.loops.begin();
    this.epochLoss.begin();
    this.trainingOpen = true;
    this.runPoints = [];
    this.post({ type: "status", state: "busy" });
  }

  private endRun(): void {
    this.finishLossChart();
    this.flushOutputs();
    this.runId = undefined;
    this.target = undefined;
  }

  /** Losses still on the device go to the chart now (a checkpoint is about to save the curves). */
  private readPendingLosses(): void {
    try {
      this.loss.drain();
    } catch (e) {
      this.loss.stop();
      this.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`);
    }
  }

  /** A resumed run: the saved curves go to the chart again, and step counters continue after them. */
  private replayMetrics(points: MetricPoint[]): void {
    const last = { step: 0, epoch: 0, loss: 0 };
    for (const p of points) {
      last[p.axis] = Math.max(last[p.axis], p.step);
      if (p.name === "loss" && p.axis === "step") last.loss = Math.max(last.loss, p.step);
    }
    for (let i = 0; i < points.length; i += 10_000) this.pushMetrics(points.slice(i, i + 10_000)); // bounded spreads
    this.loss.continueFrom(last.loss);
    this.epochLoss.continueFrom(last.epoch);
    this.builtins.continueFrom({ step: last.step, epoch: last.epoch });
  }

  /**
   * Reads the last pending losses, closes the progress bars and, after a run whose optimizers stepped, sends its
   * hyperparameters (run history). A failing read costs the chart, never the run's result. Runs once per run.
   */
  private finishLossChart(): void {
    if (!this.trainingOpen) return;
    this.trainingOpen = false;
    try {
      this.loss.end();
    } catch (e) {
      this.write("stderr", `The loss chart stopped: ${summarize(e).evalue}\n`);
    }
    this.loops.end();
    const batchSizes = this.loops.batchSizes();
    const trained = this.lr.count > 0;
    const used = this.lr.end();
    const runId = this.runId;
    if (!trained || runId === undefined) return;
    this.flushOutputs();
    const hparams = collectHParams(recentVars(this.scope), { ...used, batchSizes });
    this.post({ type: "metrics", runId, points: [], hparams });
  }

  /** The name of a top-level variable holding `value` (a DataLoader's label on its progress bar). */
  private nameOf(value: object): string | undefined {
    // Own properties, not recentVars: a loader made by the running cell is not in the assignment order yet.
    for (const name of Object.keys(this.scope.vars)) if (this.scope.vars[name] === value) return name;
    return undefined;
  }

  /** An Export/Import control request: downloads and a `weights-result`, or an `error` with the requestId. */
  private weightsRequest(requestId: string, act: (host: ControlHost) => string): void {
    const host: ControlHost = {
      isModule: (v) => this.deps.isModule(v),
      stateDictToSafetensors: (m) => this.deps.stateDictToSafetensors(m),
      download: (filename, bytes) => this.download(filename, bytes, { requestId }),
      write: (name, text) => this.write(name, text),
      weights: this.deps.weights,
      uploads: this.uploads,
      findModel: () => this.findModel(),
      findOptimizer: () => this.findVar("optimizer", (v) => this.deps.isOptimizer?.(v) ?? false),
    };
    try {
      this.post({ type: "weights-result", requestId, message: act(host) });
    } catch (e) {
      const { ename: raw, evalue } = summarize(e);
      const ename = raw === "Error" ? "RuntimeError" : raw; // load_state_dict's error in PyTorch
      this.post({ type: "error", requestId, ename, evalue, traceback: [`${ename}: ${evalue}`] });
    }
  }

  /** The variable `model` if it is a Module, else the most recently assigned Module. */
  private findModel(): unknown {
    return this.findVar("model", (v) => this.deps.isModule(v));
  }

  /** The variable `name` if it passes `test`, else the most recently assigned value that does. */
  private findVar(name: string, test: (v: unknown) => boolean): unknown {
    const vars = this.scope.vars;
    if (Object.prototype.hasOwnProperty.call(vars, name) && test(vars[name])) return vars[name];
    for (const [, value] of recentVars(this.scope)) if (test(value)) return value;
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
    if (name === "stdout" && this.runId !== undefined) this.printed.scan(text);
  }

  private display(data: MimeBundle): void {
    const runId = this.currentRun();
    if (runId === undefined) return;
    this.flushOutputs();
    this.post({ type: "display", runId, data });
  }

  /** `fromUser` false: the points come from the kernel's own readers (they do not switch the printed accuracy off). */
  private pushMetrics(points: MetricPoint[], fromUser = true): void {
    if (fromUser) this.printed.noteLogged(points);
    const runId = this.currentRun();
    if (this.runId !== undefined) for (const p of points) this.runPoints.push(p); // no spread: a replay can be long
    if (runId !== undefined) this.metrics.push(...points.map((p) => ({ ...p, runId })));
  }

  private pushLoop(loop: LoopProgress): void {
    const runId = this.currentRun();
    if (runId !== undefined) this.metrics.push({ runId, loop });
  }

  /** Streams and metrics go out before any other message, so the page sees output in order. */
  private flushOutputs(): void {
    this.streams.flush();
    this.metrics.flush();
  }

  private sendStreams(chunks: StreamChunk[]): void {
    for (const c of mergeStreams(chunks)) this.post({ type: "stream", runId: c.runId, name: c.name, text: c.text });
  }

  private sendMetrics(items: MetricItem[]): void {
    for (const [runId, group] of groupByRun(items)) {
      const points: MetricPoint[] = [];
      const loops: LoopProgress[] = [];
      for (const item of group) {
        if ("loop" in item) loops.push(item.loop);
        else {
          const { runId: _, ...p } = item;
          points.push(p);
        }
      }
      this.post(loops.length ? { type: "metrics", runId, points, loops: latestLoops(loops) } : { type: "metrics", runId, points });
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
