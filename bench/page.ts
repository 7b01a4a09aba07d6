// The bench page: runs one plan in a Web Worker (like the app's kernel) and hands progress and results to the driver.
import type { BackendRun, RunMessage, WorkerEvent } from "./protocol";

window.runBench = (plan) =>
  new Promise<BackendRun>((resolve, reject) => {
    const worker = new Worker(new URL("./bench.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const ev = e.data;
      switch (ev.type) {
        case "progress":
          void window.benchProgress?.(ev.measurement);
          return;
        case "done":
          worker.terminate();
          resolve(ev.run);
          return;
        case "error":
          worker.terminate();
          reject(new Error(ev.message));
          return;
      }
    };
    worker.onerror = (e) => reject(new Error(`bench worker failed to start or crashed: ${e.message}`));
    const msg: RunMessage = { type: "run", plan, wasmBaseUrl: new URL("/tfjs-wasm/", location.href).href };
    worker.postMessage(msg);
  });

document.getElementById("status")!.textContent = "ready: call window.runBench(plan)";
