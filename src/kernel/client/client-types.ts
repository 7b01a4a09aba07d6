// The page-side kernel client's types: its events, options, the Worker it drives, and how requests end.
import type { BackendChoice, BackendName, FromKernel, KernelState, RunMode, StartupPhase, ToKernel } from "../protocol";

/** What the status bar says while the kernel starts. */
export interface StartupProgress {
  phase: StartupPhase;
  /** What the phase is loading or doing now (a file name, "fastcpu threads"). */
  label: string;
  done?: number;
  total?: number;
  unit?: "bytes" | "threads";
  /** When this phase began: epoch ms. */
  since: number;
}

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
  /** What a starting kernel is doing now (null: nothing any more); `failed`: the phase a failed start died in. */
  | { type: "startup"; progress: StartupProgress | null; failed?: StartupPhase }
  /** The backend or its note changed after `ready` (auto measured the backends in the background). */
  | { type: "backend-note"; backend: BackendName; note: string }
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
