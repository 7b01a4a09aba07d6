// Types shared by the bench driver (scripts/bench.ts), the bench page and its worker: the plan and the raw timings.

export type ModelName = "softmax" | "mlp" | "cnn";
/** fastcpu1: fastcpu held to one thread, to show what the thread pool adds. */
export type BenchBackend = "webgpu" | "webgl" | "fastcpu" | "fastcpu1" | "wasm" | "cpu";
/**
 * "ours": Gradbook's PyTorch-style API; "layers": tfjs's own Layers API on the same backend; "jaxjs": the jax-js peer
 * (@jax-js/jax on its own wasm backend), timed only in the fastcpu run so both CPU paths share one worker.
 */
export type Impl = "ours" | "layers" | "jaxjs";
export type Phase = "train" | "infer";

export const MODELS: readonly ModelName[] = ["softmax", "mlp", "cnn"];
export const BACKENDS: readonly BenchBackend[] = ["webgpu", "webgl", "fastcpu", "fastcpu1", "wasm", "cpu"];

/** How long to time each measurement; the same knobs drive the PyTorch script. */
export interface TimingPlan {
  /** Timed blocks per measurement (the median, min and max are over these). */
  repeats: number;
  /** Fewest timed blocks, even when a step is slow. */
  minRepeats: number;
  /** A timed block runs enough steps to last about this long (steps are batched to hide timer and sync cost). */
  targetBlockMs: number;
  /** Most steps in one timed block. */
  maxSteps: number;
  /** Rough cap on the timed part of one measurement: slower steps get fewer repeats (a step over half of it, one or two). */
  budgetMs: number;
}

export interface BenchPlan extends TimingPlan {
  backend: BenchBackend;
  models: ModelName[];
  batches: number[];
  /** Once a backend has run this long, its remaining (model, batch) cases are skipped; 0 = no cap. */
  backendBudgetMs: number;
  /** Time the jax-js peer (fastcpu run only). */
  jaxjs: boolean;
  /** sgemm sizes [M, K, N] timed through fastcpu's matMul (fastcpu and fastcpu1 runs), beside native OpenBLAS. */
  sgemm: [number, number, number][];
}

/** C[M, N] = A[M, K]·B[K, N] timed in a loop: ms per product (GFLOP/s = 2MKN / time). */
export interface SgemmRun {
  m: number;
  k: number;
  n: number;
  timing: Timing;
  /** Threads it ran on (fastcpu's pool or torch.set_num_threads). */
  threads: number;
}

/** One timed quantity: ms per step for each timed block. */
export interface Timing {
  samplesMs: number[];
  /** Steps per timed block. */
  steps: number;
}

export interface Measurement {
  impl: Impl;
  model: ModelName;
  batch: number;
  phase: Phase;
  timing?: Timing;
  /** Why it was not run ("n/a"), e.g. nn.Conv2d is missing. */
  skipped?: string;
  error?: string;
}

export interface BackendRun {
  requested: BenchBackend;
  /** The backend that really ran; measurements exist only when it equals `requested`. */
  backend?: string;
  note?: string;
  startError?: string;
  userAgent?: string;
  measurements: Measurement[];
  /** fastcpu's threads in this run (1 for fastcpu1), and which kernel build ran ("relaxed" FMA or plain "simd"). */
  threads?: number;
  kernels?: string;
  sgemm?: SgemmRun[];
  /** Why the jax-js peer did not run, when it did not. */
  jaxjsError?: string;
}

/** Worker → page messages. */
export type WorkerEvent =
  | { type: "progress"; measurement: Measurement }
  | { type: "done"; run: BackendRun }
  | { type: "error"; message: string };

/** Page → worker message. */
export interface RunMessage {
  type: "run";
  plan: BenchPlan;
  wasmBaseUrl: string;
}

/** What scripts/bench_torch.py prints (one JSON object on stdout). */
export interface TorchRun {
  version: string;
  defaultThreads: number;
  /** The BLAS torch really called, read from the libraries mapped into its process ("OpenBLAS 0.3.21 … (path)"). */
  blas?: string;
  runs: { threads: number; model: ModelName; batch: number; phase: Phase; timing: Timing }[];
  sgemm?: SgemmRun[];
}

declare global {
  interface Window {
    /** Set by bench/page.ts: runs one backend's plan in a fresh worker (scripts/bench.ts calls it via page.evaluate). */
    runBench(plan: BenchPlan): Promise<BackendRun>;
    /** Exposed by the driver: one call per finished measurement. */
    benchProgress?(m: Measurement): Promise<void>;
  }
}
