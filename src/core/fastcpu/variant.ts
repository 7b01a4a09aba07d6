// Which build of the fastcpu SIMD module runs: relaxed SIMD (a fused multiply-add in the GEMM) where the engine
// validates it (Chromium ≥ 114, Firefox ≥ 131; Node 20 only with --experimental-wasm-relaxed-simd), else plain SIMD.
import { base64Bytes, KERNELS_WASM_BASE64, KERNELS_WASM_RELAXED_BASE64, KERNELS_WASM_RELAXED_SHARED_BASE64, KERNELS_WASM_SHARED_BASE64 } from "./kernels-wasm";

export type KernelVariant = "relaxed" | "simd";

let forced: KernelVariant | null = null;
let relaxedOk: boolean | undefined;

/** Does this engine accept the relaxed-SIMD build? (Asked once: the answer cannot change within a page.) */
export function relaxedSimdSupported(): boolean {
  relaxedOk ??= WebAssembly.validate(base64Bytes(KERNELS_WASM_RELAXED_BASE64) as BufferSource);
  return relaxedOk;
}

/** The build kernels compiled from now on use: the forced one, else relaxed where supported. */
export function kernelVariant(): KernelVariant {
  return forced ?? (relaxedSimdSupported() ? "relaxed" : "simd");
}

/**
 * Forces one build for kernels compiled from now on (tests and the bench's A/B; null: choose by validation again).
 * A thread pool keeps the build it started with.
 */
export function forceKernelVariant(v: KernelVariant | null): void {
  if (v === "relaxed" && !relaxedSimdSupported()) {
    throw new Error("fastcpu: this WebAssembly engine does not accept relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd)");
  }
  forced = v;
}

/** The module bytes of the current build, for tfjs-wasm's plain heap or for the pool's shared memory. */
export function kernelModuleBytes(memory: "plain" | "shared"): Uint8Array {
  const relaxed = kernelVariant() === "relaxed";
  if (memory === "plain") return base64Bytes(relaxed ? KERNELS_WASM_RELAXED_BASE64 : KERNELS_WASM_BASE64);
  return base64Bytes(relaxed ? KERNELS_WASM_RELAXED_SHARED_BASE64 : KERNELS_WASM_SHARED_BASE64);
}
