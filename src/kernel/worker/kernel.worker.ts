// The kernel Web Worker (ES module): wires the real engine into Kernel and the worker's message port. Logic lives in kernel.ts.
/// <reference lib="webworker" />
import { initBackend, loseWebGpuDevice, onDeviceLost, prefetchCpuBackends } from "../../core/backend";
import { onBackward } from "../../core/hooks";
import { readScalars } from "../../core/readback";
import { observeLoops } from "../../data/loop-hooks";
import { configureMnist, importMnistFiles } from "../../data/mnist";
import { checkpointBytes, restoreCheckpoint } from "../../io/checkpoint";
import { checkpointsAvailable, checkpointStore } from "../../io/checkpoint-store";
import { autoChoiceStore } from "../../io/auto-choice-store";
import { stateDictToSafetensors } from "../../io/export";
import { exportFiles, importFile } from "../../io/weights-files";
import { setInterruptCheck } from "../../lib/interrupt";
import { Module } from "../../nn/module";
import { Optimizer } from "../../optim/optimizer";
import { onOptimizerStep } from "../../optim/step-hooks";
import { api } from "./api";
import { watchFetches } from "./fetch-progress";
import { Kernel } from "./kernel";
import { engineMemory } from "./memory-report";
import type { FromKernel, ToKernel } from "../protocol";

// First thing: the backend's code loads while the kernel sets itself up and reads its `init` message.
prefetchCpuBackends();
const worker = self as unknown as DedicatedWorkerGlobalScope;
// Test hook (e2e/faults.spec.ts): a cell calls it to lose the WebGPU device the way a driver reset does.
(worker as unknown as Record<string, unknown>).__gradbookLoseDevice = loseWebGpuDevice;

const post = (msg: FromKernel, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);

const kernel = new Kernel(
  {
    api,
    // auto picks by measurement once per adapter and browser, after the start; the choice is kept in IndexedDB.
    // The wasm binaries' bytes are reported as they download.
    initBackend: async (choice, opts) => {
      const bytes = (file: string, done: number, total: number | undefined) =>
        opts.onStartup?.({ phase: "engine", label: file, done, total, unit: "bytes" });
      const stop = watchFetches(worker, /\.wasm$/, bytes);
      try {
        return await initBackend(choice, { ...opts, autoCache: autoChoiceStore() ?? undefined, autoMeasure: "later" });
      } finally {
        stop();
      }
    },
    configureMnist,
    setInterruptCheck,
    isModule: (value) => value instanceof Module,
    stateDictToSafetensors,
    onBackward,
    readScalars,
    onDeviceLost,
    onOptimizerStep,
    observeLoops,
    console,
    checkpoints: {
      bytes: (parts) => checkpointBytes(parts),
      restore: (bytes, parts) => restoreCheckpoint(bytes, parts),
      store: async () => (checkpointsAvailable() ? checkpointStore() : undefined),
    },
    weights: { exportFiles, importFile },
    isOptimizer: (value) => value instanceof Optimizer,
    importMnist: importMnistFiles,
    memory: engineMemory,
  },
  post,
);

worker.addEventListener("message", (event: MessageEvent<ToKernel>) => {
  try {
    kernel.receive(event.data);
  } catch (e) {
    kernel.reportUncaught(e);
  }
});
// Reported as an `error` message, so the default action (a second, vaguer report on the page's Worker) is cancelled.
worker.addEventListener("error", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.error ?? event.message);
});
worker.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.reason);
});

post({ type: "status", state: "starting" });
