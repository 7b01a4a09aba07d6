// What the kernel takes from the layers below (the engine, injected so it runs in Node tests with fakes) and gives the page.
import type { LoopHandleLike, LoopStartInfo } from "../training/loop-progress";
import type { LossRoot } from "../training/loss-tracker";
import type { KernelMemory } from "./oom";
import type { BatcherClock } from "./metrics";
import type { BackendChoice, BackendName, FromKernel, StartupPhase } from "../protocol";
import type { CheckpointEngine } from "../training/resumable";
import type { OptimizerLike } from "../training/run-info";
import type { WeightsFiles } from "../files/weights-builtins";

/** MNIST download progress as data/mnist reports it (bytes of one file). */
export interface MnistProgress {
  file: string;
  loaded: number;
  total: number;
}

/** One start-up step the engine reports (the `startup` message without its time). */
export interface StartupStep {
  phase: StartupPhase;
  label: string;
  done?: number;
  total?: number;
  unit?: "bytes" | "threads";
}

/** The console whose log/info/debug (stdout) and warn/error (stderr) are captured during runs. */
export type KernelConsole = Pick<Console, "log" | "info" | "debug" | "warn" | "error">;

/** Everything the kernel takes from the layers below, injected so it runs in Node tests with fakes. */
export interface KernelDeps<K extends { dispose(): void }> {
  api: Record<string, unknown>;
  /**
   * Starts the backend, telling `onStartup` each step; `auto` with no kept choice may leave its measuring to
   * `measure` (it may switch backends: run it only before any cell has computed).
   */
  initBackend(
    choice: BackendChoice,
    opts: { wasmBaseUrl: string; avoidWebGpu?: boolean; onStartup?: (step: StartupStep) => void },
  ): Promise<{ backend: BackendName; note: string; measure?: () => Promise<{ backend: BackendName; note: string }> }>;
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
  console?: KernelConsole;
  clock?: BatcherClock;
  /** io/checkpoint + the IndexedDB store, for `resumable()`; without it the loop runs but saves nothing. */
  checkpoints?: CheckpointEngine;
  /** io/weights-files: export formats and import; without it exports are safetensors only. */
  weights?: WeightsFiles;
  isOptimizer?(value: unknown): boolean;
  /** data/mnist: checks uploaded MNIST files and keeps them in the browser; resolves to the names kept. */
  importMnist?(files: Array<{ name: string; bytes: Uint8Array }>): Promise<string[]>;
  /** kernel/worker/memory-report: explains running out of memory and tells whether the backend survived it. */
  memory?: KernelMemory;
}

/** The worker's postMessage: one message to the page, big buffers in the transfer list. */
export type Post = (msg: FromKernel, transfer?: Transferable[]) => void;
