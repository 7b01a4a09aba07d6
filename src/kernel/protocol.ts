// The typed message protocol between the page and the kernel worker (types only; no runtime code).

/** A compute backend tfjs can run on. */
export type BackendName = "webgpu" | "webgl" | "fastcpu" | "wasm" | "cpu";
/** What the user asked for: a backend, or `auto` (WebGPU on real hardware, else the fastest that works). */
export type BackendChoice = BackendName | "auto";
/** Kernel state as the status bar shows it. */
export type KernelState = "starting" | "idle" | "busy" | "error";
/**
 * What a starting kernel is doing (the status bar says it): loading the engine (tfjs and its wasm binaries),
 * starting fastcpu's threads, warming the backend (first kernels compiled), reading the saved backend choice,
 * measuring the backends for `auto` (after `ready`, in the background).
 */
export type StartupPhase = "engine" | "state" | "threads" | "warmup" | "measure";

/** A Jupyter MIME bundle: `text/plain`, `text/markdown`, `image/png` (base64), `application/vnd.gradbook.chart+json`… */
export type MimeBundle = Record<string, unknown>;

/** One metric sample; metrics travel as small batched deltas, never the whole history. */
export interface MetricPoint {
  /** Which chart series: "loss", "test accuracy", … */
  name: string;
  /** X value: global training step (or epoch for per-epoch metrics). */
  step: number;
  value: number;
  /** "step" or "epoch": what `step` counts. */
  axis: "step" | "epoch";
  /**
   * True on an epoch mean of a pass that did not finish (the running epoch, or one cut short by an interrupt): a
   * later point at the same step replaces it. Absent on every other point.
   */
  partial?: true;
  /** "printed": read from the run's printed output (printed accuracy), not logged; a logged accuracy supersedes it. */
  source?: "printed";
}

/** One pass over a DataLoader, as the tqdm-like progress bar shows it (a snapshot; the latest one wins by `id`). */
export interface LoopProgress {
  /** Stable within a run: one id per DataLoader, reused by its next pass. */
  id: string;
  /** The loader's variable name (`trainLoader`), else "DataLoader 2". */
  label: string;
  /** 1-based pass number over this loader in the run (the epoch, for a training loader). */
  pass: number;
  /** 0 for an outer loop; 1 for a loop started inside another DataLoader loop, … */
  depth: number;
  /** Batches handed out so far in this pass, and the pass's length. */
  index: number;
  total: number;
  /** Samples handed out so far in this pass. */
  samples: number;
  /** Time since the pass started. */
  elapsedMs: number;
  state: "running" | "done" | "interrupted";
}

/** Hyperparameters the kernel found in a training run (numbers, short strings, booleans), for run history. */
export type HParams = Record<string, number | string | boolean>;

/** How a cell runs: from the start, or resuming its training from the last checkpoint. */
export type RunMode = "run" | "resume";

/** One row of the variable inspector (kernel/builtins/inspector.ts): a user variable, its type, and what matters for its kind. */
export interface VarInfo {
  name: string;
  /** Class name for objects ("Tensor", "Net", "Adam"), else typeof. */
  type: string;
  /** Tensors. */
  shape?: number[];
  dtype?: string;
  requiresGrad?: boolean;
  /** Tensors: their storage; modules: parameters and buffers. */
  bytes?: number;
  /** Modules: true, with their parameter count (sum of p.numel()). */
  module?: boolean;
  params?: number;
  /** Optimizers: the first param group's learning rate. */
  lr?: number;
  /** Anything else worth a line: a number's value, a string, an array's length. */
  summary?: string;
}

/** What a live output (the draw pad) asks its kernel-side widget. */
export type WidgetRequest = { kind: "ping" } | { kind: "predict"; pixels: number[] };

/** The widget's answer; "gone" when this kernel does not know the widget (reload, restart, the cell re-ran). */
export type WidgetReply =
  | { status: "ready" }
  | { status: "probs"; probs: number[] }
  | { status: "gone" }
  | { status: "error"; message: string };

/** Export formats: .safetensors; tfjs (manifest JSON + .bin); pytorch (model.py + .safetensors); full checkpoint. */
export type ExportFormat = "safetensors" | "tfjs" | "pytorch" | "checkpoint";

/** Messages from the page to the worker. */
export type ToKernel =
  | {
      type: "init";
      backend: BackendChoice;
      /** Base URL (absolute) under which the four MNIST `.gz` files are served. */
      mnistBaseUrl: string;
      /** Base URL (absolute, ending in "/") of the tfjs wasm binaries. */
      wasmBaseUrl: string;
      /** Int32Array(1) over a SharedArrayBuffer when the page is cross-origin isolated: 1 = interrupt. */
      interruptFlag?: SharedArrayBuffer;
      /** The WebGPU device was lost earlier: start on the next backend. */
      avoidWebGpu?: boolean;
    }
  | {
      type: "execute";
      runId: string;
      cellId: string;
      code: string;
      /** The open notebook's id: with cellId, where `resumable()` keeps this cell's checkpoint (none without it). */
      notebookId?: string;
      /** "resume": `resumable()` first restores the cell's last checkpoint and continues after it. Default "run". */
      mode?: RunMode;
    }
  | { type: "interrupt"; runId: string }
  /** Heartbeat: answered with `pong` at once whenever the worker's event loop is free (never queued behind runs). */
  | { type: "ping"; seq: number }
  /** The Export control: the model in scope in `format` (default "safetensors"); answered by downloads + `weights-result`. */
  | { type: "export-weights"; requestId: string; format?: ExportFormat }
  /** The Import control: an uploaded file, kept for loadWeights() and loaded into the model in scope. */
  | { type: "import-weights"; requestId: string; filename: string; buffer: ArrayBuffer }
  /** Answered at once, even while a run is busy (between its batches). */
  | { type: "widget"; requestId: string; widgetId: string; request: WidgetRequest }
  /** The variable inspector (only while its panel is open): answered at once with `inspect-reply`. */
  | { type: "inspect"; requestId: string }
  /** MNIST files the learner uploaded (.gz or IDX): checked, then kept in the browser; answered by `weights-result` or `error`. */
  | { type: "import-mnist"; requestId: string; files: Array<{ name: string; buffer: ArrayBuffer }> };

/** Messages from the worker to the page. */
export type FromKernel =
  | { type: "ready"; backend: BackendName; backendNote: string }
  /**
   * Start-up progress: the phase under way and what it loads, `done` of `total` where known (bytes of a wasm binary,
   * threads up), `at` when the phase (or its progress) was reached: epoch ms (timeOrigin + performance.now()).
   */
  | { type: "startup"; phase: StartupPhase; label: string; done?: number; total?: number; unit?: "bytes" | "threads"; at: number }
  /** `auto` measured the backends after `ready` (off the critical path): the new note, and the backend now running. */
  | { type: "backend-note"; backend: BackendName; backendNote: string }
  | { type: "status"; state: KernelState }
  | { type: "stream"; runId: string; name: "stdout" | "stderr"; text: string }
  | { type: "display"; runId: string; data: MimeBundle }
  | {
      type: "metrics";
      runId: string;
      points: MetricPoint[];
      /** DataLoader progress snapshots since the last message (latest per id). */
      loops?: LoopProgress[];
      /** Sent once, when a training run ends. */
      hparams?: HParams;
    }
  | { type: "progress"; runId: string; label: string; loaded: number; total: number }
  | {
      type: "error";
      runId?: string;
      /** Set when the error answers an `export-weights` or `import-weights` request. */
      requestId?: string;
      ename: string;
      evalue: string;
      /** 1-based line in the cell, when known. */
      line?: number;
      column?: number;
      traceback: string[];
    }
  | { type: "done"; runId: string; ok: boolean; elapsedMs: number }
  | { type: "pong"; seq: number }
  /** A run ran out of memory (its error says what is held); `restarting`: the backend is unusable, restart the kernel. */
  | { type: "out-of-memory"; runId: string; message: string; restarting: boolean }
  /** The GPU under the running backend went away; the page restarts the kernel on the next backend. */
  | { type: "device-lost"; backend: BackendName; message: string }
  | { type: "widget-reply"; requestId: string; widgetId: string; reply: WidgetReply }
  | { type: "inspect-reply"; requestId: string; vars: VarInfo[] }
  | { type: "download"; runId?: string; requestId?: string; filename: string; mime: string; buffer: ArrayBuffer }
  /** Success of an export-weights / import-weights / import-mnist request (failures are `error` with the requestId). */
  | { type: "weights-result"; requestId: string; message: string };
