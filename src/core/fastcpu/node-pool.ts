// Test-only: the fastcpu pool's workers as Node worker_threads, running pool-loop.ts (compiled here with sucrase, the
// app's own TypeScript stripper) — the same job loop the browser's pool-worker.ts runs.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { transform } from "sucrase";
import type { WorkerLike } from "./pool";

const loop = transform(readFileSync(new URL("./pool-loop.ts", import.meta.url), "utf8"), { transforms: ["typescript", "imports"] }).code;

const SOURCE = `
const { parentPort } = require("node:worker_threads");
const exports = {};
${loop}
parentPort.on("message", ({ memory, module, index }) => {
  try {
    const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
    parentPort.postMessage({ ready: true });
    exports.serve(new Int32Array(memory.buffer, 0, exports.CONTROL_BYTES / 4), k, index);
  } catch (err) {
    parentPort.postMessage({ ready: false, error: String(err && err.message || err) });
  }
});
`;

/** A pool worker on a Node thread, shaped like a browser Worker for startThreadPool. */
export function spawnNodePoolWorker(): WorkerLike {
  const w = new Worker(SOURCE, { eval: true });
  const like: WorkerLike = {
    postMessage: (m) => w.postMessage(m),
    terminate: () => void w.terminate(),
    onmessage: null,
    onerror: null,
  };
  w.on("message", (data) => like.onmessage?.({ data } as MessageEvent));
  w.on("error", (e) => like.onerror?.({ message: e.message } as ErrorEvent));
  w.unref();
  return like;
}
