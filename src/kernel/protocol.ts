// The typed message protocol between the page and the kernel worker (types only; no runtime code).

/** A compute backend tfjs can run on. */
export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
/** What the user asked for: a backend, or `auto` (WebGPU on real hardware, else the fastest that works). */
export type BackendChoice = BackendName | "auto";
/** Kernel state as the status bar shows it. */
export type KernelState = "starting" | "idle" | "busy" | "error";

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
}

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
    }
  | { type: "execute"; runId: string; cellId: string; code: string }
  | { type: "interrupt"; runId: string }
  | { type: "export-weights"; requestId: string };

/** Messages from the worker to the page. */
export type FromKernel =
  | { type: "ready"; backend: BackendName; backendNote: string }
  | { type: "status"; state: KernelState }
  | { type: "stream"; runId: string; name: "stdout" | "stderr"; text: string }
  | { type: "display"; runId: string; data: MimeBundle }
  | { type: "metrics"; runId: string; points: MetricPoint[] }
  | { type: "progress"; runId: string; label: string; loaded: number; total: number }
  | {
      type: "error";
      runId?: string;
      /** Set when the error answers an `export-weights` request. */
      requestId?: string;
      ename: string;
      evalue: string;
      /** 1-based line in the cell, when known. */
      line?: number;
      column?: number;
      traceback: string[];
    }
  | { type: "done"; runId: string; ok: boolean; elapsedMs: number }
  | { type: "download"; runId?: string; requestId?: string; filename: string; mime: string; buffer: ArrayBuffer };
