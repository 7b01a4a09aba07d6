// AssemblyScript SIMD kernels for the fastcpu backend: GEMM (any transposes, fused bias+ReLU), im2col/col2im, max-pool grad.
// Built by scripts/build-wasm.mjs into src/core/fastcpu/kernels-wasm.ts, twice: importing tfjs-wasm's plain memory and
// importing the thread pool's shared memory. The module owns no static data, so every pointer is a byte offset into
// the imported memory (zero-copy on tfjs-wasm's tensors; the pool copies into its arena first).
export { gemm } from "./gemm";
export { col2im, im2col } from "./conv";
export { maxPoolGrad } from "./pool";
