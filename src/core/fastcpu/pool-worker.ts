// A fastcpu pool thread: instantiates the shared-memory kernels and serves jobs until told to stop (see pool-loop.ts).
import { CONTROL_BYTES, serve, type PoolKernels } from "./pool-loop";

interface Start {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  index: number;
}

self.onmessage = (e: MessageEvent<Start>) => {
  const { memory, module, index } = e.data;
  try {
    const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as PoolKernels;
    self.postMessage({ ready: true });
    serve(new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4), k, index);
  } catch (err) {
    self.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) });
  }
};
