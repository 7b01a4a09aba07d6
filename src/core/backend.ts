// The one door to TensorFlow.js: every other file reaches tfjs through this module.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

export { tf };
export type TfTensor = tf.Tensor;
export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export type BackendChoice = BackendName | "auto";

export interface BackendInfo {
  backend: BackendName;
  /** Why this backend was chosen, shown to the user. */
  note: string;
}

export interface BackendOptions {
  /** Base URL (ending in "/") where tfjs-backend-wasm's .wasm files are served. */
  wasmBaseUrl?: string;
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** Software adapters (SwiftShader, llvmpipe, WARP) are correct but slower than wasm on a CPU. */
function isSoftwareName(s: string): boolean {
  return /swiftshader|llvmpipe|lavapipe|software|microsoft basic render|warp/i.test(s);
}

async function probeWebGpu(): Promise<{ ok: boolean; hardware: boolean; what: string }> {
  const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } })?.gpu;
  if (!gpu) return { ok: false, hardware: false, what: "this browser has no WebGPU" };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, hardware: false, what: "no WebGPU adapter" };
  const info = adapter.info ?? {};
  const what = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unknown adapter";
  const fallback = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  return { ok: true, hardware: !fallback && !isSoftwareName(what), what };
}

async function registerBackend(name: BackendName, opts: BackendOptions): Promise<void> {
  if (name === "webgpu") await import("@tensorflow/tfjs-backend-webgpu");
  if (name === "webgl") await import("@tensorflow/tfjs-backend-webgl");
  if (name === "wasm") {
    // tfjs-wasm's threaded build spawns helper workers that break when bundled (ReferenceError inside them);
    // the single-threaded SIMD build is reliable everywhere.
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    if (opts.wasmBaseUrl) wasm.setWasmPaths(opts.wasmBaseUrl);
  }
}

/** Gives up on a backend that does not start within `ms` (a hung start must not hang the kernel). */
function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

function trySet(name: BackendName, opts: BackendOptions): Promise<boolean> {
  return withTimeout(trySetNow(name, opts), 30_000, false);
}

async function trySetNow(name: BackendName, opts: BackendOptions): Promise<boolean> {
  try {
    await registerBackend(name, opts);
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    // A tiny op proves the backend really runs (webgl can register yet fail to compile shaders).
    const probe = tf.add(tf.scalar(1), tf.scalar(2));
    const v = (await probe.data())[0];
    probe.dispose();
    return v === 3;
  } catch {
    return false;
  }
}

/**
 * Chooses and starts the compute backend.
 * `auto`: WebGPU on a real (hardware) adapter; otherwise wasm, the fastest CPU path measured here; then cpu.
 */
export async function initBackend(choice: BackendChoice, opts: BackendOptions = {}): Promise<BackendInfo> {
  if (choice !== "auto") {
    if (await trySet(choice, opts)) return { backend: choice, note: `${choice} (requested with ?backend=${choice})` };
    const fallback = await initBackend("auto", opts);
    return { ...fallback, note: `${choice} could not start here; fell back to ${fallback.note}` };
  }
  const gpu = await probeWebGpu();
  if (gpu.ok && gpu.hardware && (await trySet("webgpu", opts))) {
    return { backend: "webgpu", note: `webgpu on ${gpu.what}` };
  }
  const why = gpu.ok ? `WebGPU adapter is software (${gpu.what})` : gpu.what;
  if (await trySet("wasm", opts)) return { backend: "wasm", note: `wasm (CPU; ${why})` };
  if (await trySet("cpu", opts)) return { backend: "cpu", note: `cpu (wasm could not start; ${why})` };
  throw new Error("No tfjs backend could start in this browser (tried webgpu, wasm, cpu).");
}

/** The backend tfjs is running now. */
export function currentBackend(): string {
  return tf.getBackend();
}

/** Live tensor count and bytes held by tfjs, for leak checks. */
export function memoryInfo(): { numTensors: number; numBytes: number } {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}
