// Test helper (never imported by app code): a real Kernel on the real engine (tfjs cpu in Node), wired to an array
// in place of the worker's postMessage, so tests run cells and read the messages the page would get.
import { initBackend } from "../../core/backend";
import { onBackward } from "../../core/hooks";
import { readScalars } from "../../core/readback";
import type { Tensor } from "../../core/tensor";
import { configureMnist } from "../../data/mnist";
import { stateDictToSafetensors } from "../../io/export";
import { setInterruptCheck } from "../../lib/interrupt";
import { Module } from "../../nn/module";
import { api } from "./api";
import { engineMemory } from "./memory-report";
import { Kernel, type KernelDeps } from "./kernel";
import type { BackendChoice, FromKernel, RunMode } from "../protocol";

export interface TestKernelOptions {
  /** Replace or add engine deps (e.g. `weights`, `checkpoints`, a counting `readScalars`). */
  deps?: Partial<KernelDeps<Tensor>>;
  /** The `init` message's fields; the backend is tfjs `cpu` unless given. */
  init?: { backend?: BackendChoice; mnistBaseUrl?: string; wasmBaseUrl?: string };
}

export interface RunOptions {
  /** The cell the code runs as (its widgets, its checkpoint); by default a new one per run (`c1`, `c2`…). */
  cellId?: string;
  /** A notebook id makes `resumable()` save checkpoints; `mode` "resume" restores the last one. */
  notebookId?: string;
  mode?: RunMode;
}

/** The deps kernel.worker.ts wires for a run, minus the browser-only ones (console capture, device loss, IndexedDB). */
export function engineDeps(): KernelDeps<Tensor> {
  return {
    api,
    initBackend,
    configureMnist,
    setInterruptCheck,
    isModule: (v) => v instanceof Module,
    stateDictToSafetensors,
    onBackward,
    readScalars,
    memory: engineMemory,
  };
}

/** A started kernel (its `init` queued); `run` executes code as a new run and returns that run's messages. */
export function testKernel(opts: TestKernelOptions = {}) {
  const posted: FromKernel[] = [];
  const kernel = new Kernel<Tensor>({ ...engineDeps(), ...opts.deps }, (m) => posted.push(m));
  const init = opts.init ?? {};
  kernel.receive({
    type: "init",
    backend: init.backend ?? "cpu",
    mnistBaseUrl: init.mnistBaseUrl ?? "http://x/",
    wasmBaseUrl: init.wasmBaseUrl ?? "http://x/",
  });
  const forRun = (runId: string) => posted.filter((m) => "runId" in m && m.runId === runId);
  let n = 0;
  /** Runs `code` and waits for the queue to drain; returns every message tagged with this run's id. */
  const run = async (code: string, runOpts: RunOptions = {}): Promise<FromKernel[]> => {
    const runId = `r${++n}`;
    const { cellId = `c${n}`, ...notebook } = runOpts;
    kernel.receive({ type: "execute", runId, cellId, code, ...notebook });
    await kernel.idle();
    return forRun(runId);
  };
  /** The messages answering a control request (`export-weights`, `import-weights`, `widget`). */
  const answer = (requestId: string) => posted.filter((m) => "requestId" in m && m.requestId === requestId);
  return { kernel, posted, run, answer };
}

/** What a run printed (stdout and stderr, in order). */
export function streamText(msgs: readonly FromKernel[]): string {
  return msgs.map((m) => (m.type === "stream" ? m.text : "")).join("");
}

/** The chart points a run sent, in order. */
export function metricPoints(msgs: readonly FromKernel[]) {
  return msgs.flatMap((m) => (m.type === "metrics" ? m.points : []));
}
