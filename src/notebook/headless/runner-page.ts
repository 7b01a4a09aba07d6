// Script of runner.html: exposes `window.gradbookRunner.run(notebook, opts)` for the headless CLI (no React, no UI).
import { wasmPath } from "virtual:tfjs-wasm";
import { parseNotebook } from "../../io/ipynb";
import { backendFromSearch, KernelClient } from "../../kernel/client/client";
import { runNotebook, type RunOptions, type RunResult } from "./run-notebook";

export interface GradbookRunner {
  /**
   * Runs `notebook` (.ipynb text or its parsed JSON) in a fresh kernel on the backend named by `?backend=` and
   * resolves with the executed notebook. Rejects only on a malformed notebook; a failing cell resolves with
   * `status.ok === false`.
   */
  run(notebook: string | object, options?: RunOptions & { fileName?: string }): Promise<RunResult>;
}

declare global {
  interface Window {
    gradbookRunner: GradbookRunner;
  }
}

async function run(notebook: string | object, options: RunOptions & { fileName?: string } = {}): Promise<RunResult> {
  const text = typeof notebook === "string" ? notebook : JSON.stringify(notebook);
  const parsed = parseNotebook(text, options.fileName);
  const emit = options.onEvent ?? (() => {});
  const client = new KernelClient({
    backend: backendFromSearch(location.search),
    mnistBaseUrl: new URL(`${import.meta.env.BASE_URL}mnist/`, location.href).href,
    wasmBaseUrl: new URL(wasmPath, location.href).href,
    saveFile: (filename, _mime, buffer) =>
      emit({ type: "warning", message: `the notebook saved ${filename} (${buffer.byteLength} bytes); the headless runner does not keep downloads` }),
  });
  try {
    return await runNotebook(client, parsed, options);
  } finally {
    client.dispose();
  }
}

window.gradbookRunner = { run };
document.getElementById("status")?.replaceChildren("Ready: call window.gradbookRunner.run(notebook, options).");
