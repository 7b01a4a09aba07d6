// The kernel behind the worker: a queue of runs over one shared scope, with output, metrics and errors as messages.
// Output routing lives in outputs.ts, the training charts in training-view.ts, the Export/Import controls in weights-control.ts.
import { assertNever } from "../../lib/invariant";
import { captureConsole, makeBuiltins, type Builtins } from "./builtins";
import { compileCell } from "../compiler/compile-cell";
import { WidgetRegistry } from "../builtins/drawpad";
import { summarize } from "../runtime/error-summary";
import { repr } from "../runtime/format";
import { inspectVars } from "../builtins/inspector";
import type { KernelDeps, Post } from "../runtime/kernel-deps";
import { importMnist } from "../files/mnist-control";
import { isOutOfMemory, outOfMemoryError } from "../runtime/oom";
import { Outputs } from "../runtime/outputs";
import type { BackendName, ToKernel } from "../protocol";
import { makeResumable, type RunTarget } from "../training/resumable";
import { runCell } from "./run-cell";
import { createScope, type KernelScope } from "../runtime/scope";
import { CellSources, syntaxTraceback } from "../compiler/stack";
import { TrainingView } from "../training/training-view";
import { answerWeightsRequest, type WeightsRequest } from "../files/weights-control";
import type { Uploads } from "../files/weights-builtins";
import { StartupReporter } from "./startup";

export type { KernelConsole, KernelDeps, MnistProgress, Post } from "../runtime/kernel-deps";

type Execute = Extract<ToKernel, { type: "execute" }>;
/** How long after `ready` auto's measuring waits: the page is still busy opening (editors, the TypeScript worker) before. */
const MEASURE_DELAY_MS = 4000;
type Init = Extract<ToKernel, { type: "init" }>;

export class Kernel<K extends { dispose(): void }> {
  private chain: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private readonly cancelled = new Set<string>();
  private ready = false;
  private initFailure = "the page has not sent `init` yet";
  private interruptRequested = false;
  private sharedFlag: Int32Array | undefined;
  private readonly scope: KernelScope;
  private readonly builtins: Builtins;
  private readonly out: Outputs;
  private readonly training: TrainingView<K>;
  /** Live outputs (draw pads) by id; a cell's widgets go when it runs again. */
  private readonly widgets = new WidgetRegistry();
  /** Files uploaded with the Import control, for loadWeights() and uploadedFile(). */
  private readonly uploads: Uploads = new Map();
  /** Each cell's latest compiled source, for tracebacks through functions defined in other cells. */
  private readonly cellSources = new CellSources();
  private cellId = "";
  /** Where `resumable()` keeps this run's checkpoint. */
  private target: RunTarget | undefined;
  /** Start-up progress messages, and the phase a failed start names. */
  private readonly startup: StartupReporter;
  /** A cell has run: auto's later measurement may no longer switch backends under its tensors. */
  private computed = false;
  /** The backend init started and its note. */
  private started: { backend: BackendName; note: string } | undefined;

  constructor(
    private readonly deps: KernelDeps<K>,
    private readonly post: Post,
  ) {
    this.out = new Outputs(post, { clock: deps.clock, console: deps.console });
    this.startup = new StartupReporter(post);
    this.training = new TrainingView<K>({
      readScalars: (ts) => deps.readScalars(ts),
      clock: deps.clock,
      out: this.out,
      post,
      write: (name, text) => this.write(name, text),
      scope: () => this.scope,
    });
    this.builtins = makeBuiltins({
      write: (name, text) => this.write(name, text),
      display: (data) => this.out.display(data),
      metrics: (points) => this.training.push(points),
      userLoggedLoss: () => this.training.stopLossChart(),
      isModule: (v) => deps.isModule(v),
      stateDictToSafetensors: (m) => deps.stateDictToSafetensors(m),
      download: (filename, bytes) => this.out.download(filename, bytes, { runId: this.out.current() }),
      weights: deps.weights,
      uploads: this.uploads,
      addWidget: (handler) => this.widgets.add(this.cellId, handler),
    });
    const resumable = makeResumable({
      engine: deps.checkpoints,
      target: () => this.target,
      runMetrics: () => this.training.pointsSoFar(),
      replayMetrics: (points) => this.builtins.continueFrom(this.training.replay(points)),
      write: (name, text) => this.write(name, text),
    });
    this.scope = createScope(deps.api, { ...this.builtins.functions, resumable });
    deps.onBackward((root) => this.training.onBackward(root));
    deps.onOptimizerStep?.((opt) => this.training.onOptimizerStep(opt));
    deps.observeLoops?.((start) => this.training.startLoop(start));
    if (deps.console) captureConsole(deps.console, (name, text) => this.write(name, text), () => this.out.current());
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
      case "inspect":
        return this.post({ type: "inspect-reply", requestId: msg.requestId, vars: inspectVars(this.scope.vars) });
      case "widget":
        return this.post({ type: "widget-reply", requestId: msg.requestId, widgetId: msg.widgetId, reply: this.widgets.handle(msg.widgetId, msg.request) });
      case "export-weights":
      case "import-weights":
        return this.enqueue(() => this.weightsRequest(msg));
      case "import-mnist":
        return this.enqueue(() => importMnist(this.deps, msg, (m) => this.post(m)));
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
    this.out.flush();
    const { ename, evalue } = summarize(e);
    const stack = e instanceof Error && e.stack ? e.stack.split("\n").slice(1, 6) : [];
    const where = "  (raised outside the cell's own code: in a callback, a timer, or a library's background worker)";
    const traceback = [`${ename}: ${evalue}`, where, ...stack];
    this.post({ type: "error", runId: this.out.current(), ename, evalue, traceback });
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.chain = this.chain.then(task).catch((e: unknown) => this.reportUncaught(e));
  }

  private interrupt(runId: string): void {
    if (runId === this.out.running) this.interruptRequested = true;
    else if (this.queued.has(runId)) this.cancelled.add(runId);
  }

  private interrupted(): boolean {
    return this.interruptRequested || (this.sharedFlag !== undefined && Atomics.load(this.sharedFlag, 0) === 1);
  }

  private async init(msg: Init): Promise<void> {
    try {
      this.sharedFlag = msg.interruptFlag ? new Int32Array(msg.interruptFlag) : undefined;
      this.deps.setInterruptCheck(() => this.interrupted());
      this.deps.configureMnist({ baseUrl: msg.mnistBaseUrl, onProgress: (p) => this.out.progress(p) });
      const onStartup = (step: Parameters<StartupReporter["step"]>[0]) => this.startup.step(step);
      const { backend, note, measure } = await this.deps.initBackend(msg.backend, { wasmBaseUrl: msg.wasmBaseUrl, avoidWebGpu: msg.avoidWebGpu, onStartup });
      this.deps.onDeviceLost?.((message) => this.post({ type: "device-lost", backend, message }));
      this.ready = true;
      this.started = { backend, note };
      this.post({ type: "ready", backend, backendNote: note });
      this.post({ type: "status", state: "idle" });
      // auto's measuring waits until the notebook is open and the kernel idle: after whatever is queued by then.
      if (measure) setTimeout(() => this.enqueue(() => this.measureBackends(measure)), MEASURE_DELAY_MS);
    } catch (e) {
      const { ename, evalue } = summarize(e);
      this.initFailure = this.startup.failure(msg.backend, evalue);
      this.post({ type: "error", ename, evalue: `Kernel start failed: ${this.initFailure}`, traceback: [`${ename}: ${evalue}`] });
      this.post({ type: "status", state: "error" });
    }
  }

  /**
   * auto's measurement after the start. It switches backends, so it runs only while no cell has computed anything;
   * a kernel whose first cell came sooner keeps its backend, and the next start measures.
   */
  private async measureBackends(measure: () => Promise<{ backend: BackendName; note: string }>): Promise<void> {
    const current = this.started!;
    if (this.computed) {
      this.post({ type: "backend-note", backend: current.backend, backendNote: current.note.replace(/; auto: measuring the backends after the start$/, "; auto: not measured (a cell ran first), the next start measures") });
      return;
    }
    this.startup.step({ phase: "measure", label: "auto: timing each backend on a small MLP step" });
    try {
      const { backend, note } = await measure();
      if (backend !== current.backend) this.deps.onDeviceLost?.((message) => this.post({ type: "device-lost", backend, message }));
      this.post({ type: "backend-note", backend, backendNote: note });
    } catch (e) {
      // The running backend stays; the note says why nothing was measured (the next start tries again).
      this.post({ type: "backend-note", backend: current.backend, backendNote: `${current.note}; auto could not measure (${summarize(e).evalue})` });
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
    this.computed = true;
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
    this.cellSources.note(compiled.tag, { toCell: (line, col) => compiled.positions.toCell(line, col), source: code });
    const outcome = await runCell(compiled, this.scope, this.cellSources);
    this.training.finish();
    this.out.flush();
    if (!outcome.ok) {
      const { ename, evalue, line, column, traceback } = outcome;
      if (this.deps.memory && isOutOfMemory(ename, evalue)) return this.outOfMemory(runId, outcome);
      this.post({ type: "error", runId, ename, evalue, line, column, traceback });
      return false;
    }
    if (outcome.value !== undefined) {
      this.post({ type: "display", runId, data: { "text/plain": repr(outcome.value) } });
    }
    return true;
  }

  /**
   * A cell ran out of memory: the error says what the kernel holds and what to free. A backend that cannot compute
   * any more (a wasm abort poisons the module) is replaced: the page restarts the kernel and keeps the notebook.
   */
  private outOfMemory(runId: string, cause: { ename: string; evalue: string; line?: number; column?: number }): false {
    const memory = this.deps.memory!;
    const restarting = !memory.probe();
    const { notice, ...error } = outOfMemoryError(cause, memory.report(this.scope.vars), restarting);
    this.post({ type: "error", runId, ...error, line: cause.line, column: cause.column });
    this.post({ type: "out-of-memory", runId, message: notice, restarting });
    return false;
  }

  private beginRun(runId: string): void {
    this.out.begin(runId);
    this.interruptRequested = false;
    if (this.sharedFlag) Atomics.store(this.sharedFlag, 0, 0);
    this.builtins.resetRun();
    this.training.begin();
    this.post({ type: "status", state: "busy" });
  }

  private endRun(): void {
    this.training.finish();
    this.out.flush();
    this.out.end();
    this.target = undefined;
  }

  /** An Export/Import control request, against the model in scope. */
  private weightsRequest(msg: WeightsRequest): void {
    const { deps, scope, uploads, out, post } = this;
    const lastOptimizer = () => this.training.lastStepped;
    answerWeightsRequest({ deps, scope, uploads, out, post, lastOptimizer, write: (name, text) => this.write(name, text) }, msg);
  }

  /** Cell output: a running cell's stdout may also print accuracy percentages (a chart of its own). */
  private write(name: "stdout" | "stderr", text: string): void {
    this.out.write(name, text);
    if (name === "stdout" && this.out.running !== undefined) this.training.scanPrinted(text);
  }
}
