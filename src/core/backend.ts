// The one door to TensorFlow.js: every other file reaches tfjs through this module.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

export { tf };
export type TfTensor = tf.Tensor;
export type BackendName = "webgpu" | "webgl" | "fastcpu" | "wasm" | "cpu";
export type BackendChoice = BackendName | "auto";

export interface BackendInfo {
  backend: BackendName;
  /** Why this backend was chosen, shown to the user. */
  note: string;
}

export interface BackendOptions {
  /** Base URL (ending in "/") where tfjs-backend-wasm's .wasm files are served. */
  wasmBaseUrl?: string;
  /** Skip WebGPU (its device was lost earlier in this session): start on the next backend instead. */
  avoidWebGpu?: boolean;
  /** Threads for fastcpu's kernels (default: the machine's logical cores; needs cross-origin isolation). */
  threads?: number;
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
  if (name === "wasm" || name === "fastcpu") {
    // tfjs-wasm's threaded build spawns helper workers that break when bundled (ReferenceError inside them);
    // the single-threaded SIMD build is reliable everywhere.
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    if (opts.wasmBaseUrl) wasm.setWasmPaths(opts.wasmBaseUrl);
    const { patchWasmTransposedMatMul, registerFastCpu } = await import("./fastcpu/register");
    patchWasmTransposedMatMul(tf);
    registerFastCpu(tf);
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
    if (v === 3 && name === "fastcpu") await startThreads(opts);
    return v === 3;
  } catch {
    return false;
  }
}

let threadNote = "one thread";
let simdNote = "WebAssembly SIMD";

/** Starts fastcpu's thread pool where the page allows it; without one its kernels run on one thread. */
async function startThreads(opts: BackendOptions): Promise<void> {
  const { startFastCpuThreads } = await import("./fastcpu/spawn");
  const { kernelVariant } = await import("./fastcpu/variant");
  simdNote = kernelVariant() === "relaxed" ? "WebAssembly relaxed SIMD (FMA)" : "WebAssembly SIMD";
  const r = await startFastCpuThreads(opts.threads);
  threadNote = r.threads > 1 ? `${r.threads} threads` : `one thread: ${r.why}`;
}

/**
 * Chooses and starts the compute backend.
 * `auto`: WebGPU on a real (hardware) adapter; otherwise fastcpu (tfjs-wasm plus our SIMD kernels, the fastest CPU
 * path measured here), then wasm, then cpu.
 */
export async function initBackend(choice: BackendChoice, opts: BackendOptions = {}): Promise<BackendInfo> {
  if (choice !== "auto") {
    if (!(choice === "webgpu" && opts.avoidWebGpu) && (await trySet(choice, opts))) {
      return { backend: choice, note: `${choice} (requested with ?backend=${choice}${choice === "fastcpu" ? `; ${threadNote}` : ""})` };
    }
    const fallback = await initBackend("auto", opts);
    return { ...fallback, note: `${choice} could not start here; fell back to ${fallback.note}` };
  }
  const gpu = opts.avoidWebGpu
    ? { ok: false, hardware: false, what: "the WebGPU device was lost earlier in this session" }
    : await probeWebGpu();
  if (gpu.ok && gpu.hardware && (await trySet("webgpu", opts))) {
    return { backend: "webgpu", note: `webgpu on ${gpu.what}` };
  }
  const why = gpu.ok ? `WebGPU adapter is software (${gpu.what})` : gpu.what;
  if (await trySet("fastcpu", opts)) return { backend: "fastcpu", note: `fastcpu (CPU, ${simdNote}, ${threadNote}; ${why})` };
  if (await trySet("wasm", opts)) return { backend: "wasm", note: `wasm (CPU; fastcpu could not start; ${why})` };
  if (await trySet("cpu", opts)) return { backend: "cpu", note: `cpu (wasm could not start; ${why})` };
  throw new Error("No tfjs backend could start in this browser (tried webgpu, fastcpu, wasm, cpu).");
}

/** The backend tfjs is running now. */
export function currentBackend(): string {
  return tf.getBackend();
}

/** True while our fastcpu backend runs: ops may then use kernels only it makes fast (Conv2DBackpropFilter, MaxPoolGrad). */
export function fastCpuActive(): boolean {
  return tf.getBackend() === "fastcpu";
}

/** Live tensor count and bytes held by tfjs, for leak checks. */
export function memoryInfo(): { numTensors: number; numBytes: number } {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

/** The slice of a WebGPU `GPUDevice` watched here. */
interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

function webGpuDevice(): GpuDeviceLike | undefined {
  if (tf.getBackend() !== "webgpu") return undefined;
  return (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
}

/** Calls `listener` once if the WebGPU device under the running backend is lost (driver reset, GPU unplugged). */
export function onDeviceLost(listener: (message: string) => void): void {
  const device = webGpuDevice();
  if (!device) return;
  void device.lost.then((info) => listener(info.message || info.reason || "no reason given"));
}

/** Test hook: destroys the WebGPU device, as a driver reset would; false when WebGPU is not running. */
export function loseWebGpuDevice(): boolean {
  const device = webGpuDevice();
  device?.destroy();
  return device !== undefined;
}
