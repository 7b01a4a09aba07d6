// Registers the `fastcpu` tfjs backend (tfjs-wasm plus our SIMD kernels) and patches tfjs-wasm's transposed matMul.
import { elementwiseKernels } from "./elementwise";
import { fastKernels, kernelsFor, type WasmBackendLike } from "./kernels";
import type { KernelBackend, Tf } from "./tfjs-types";

export { patchWasmTransposedMatMul } from "./transposed-matmul";

/** The tfjs backend name of our fast CPU path. */
export const FASTCPU = "fastcpu";

/**
 * A second tfjs-wasm instance (its own heap and tensor ids) registered as `fastcpu`: every tfjs-wasm kernel is copied
 * to it, then the heavy ones are replaced by ours. A separate name, not an override of `wasm`, so both can be
 * compared in the same page and `tf.getBackend()` tells which path runs. Call after tfjs-backend-wasm is imported;
 * `tf` is core/backend.ts's tfjs handle (passed in: fastcpu never imports backend.ts).
 */
export function registerFastCpu(tf: Tf): void {
  if (tf.findBackendFactory(FASTCPU)) return;
  const wasmFactory = tf.findBackendFactory("wasm");
  if (!wasmFactory) throw new Error("fastcpu: import @tensorflow/tfjs-backend-wasm before registering fastcpu");
  const original = (name: string) => tf.getKernel(name, "wasm") ?? null;
  const ours = fastKernels(tf, (name) => original(name)?.kernelFunc ?? null);
  for (const k of tf.getKernelsForBackend("wasm")) {
    if (!(k.kernelName in ours)) tf.registerKernel({ ...k, backendName: FASTCPU });
  }
  for (const [name, kernelFunc] of Object.entries(ours)) {
    // The original's setupFunc binds its wasm functions to whichever instance starts; our fallbacks need that too.
    const orig = original(name);
    tf.registerKernel({ kernelName: name, backendName: FASTCPU, kernelFunc, setupFunc: orig?.setupFunc, disposeFunc: orig?.disposeFunc });
  }
  // Kernels only fastcpu has (ops check fastCpuActive() before asking for them).
  for (const [name, kernelFunc] of Object.entries(elementwiseKernels)) tf.registerKernel({ kernelName: name, backendName: FASTCPU, kernelFunc });
  tf.registerBackend(
    FASTCPU,
    async () => {
      const backend = (await wasmFactory()) as unknown as KernelBackend;
      kernelsFor(backend as unknown as WasmBackendLike);
      return backend;
    },
    // Below wasm's priority 2: tfjs never picks it by itself; initBackend chooses it.
    1,
  );
}
