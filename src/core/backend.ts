// The one door to TensorFlow.js: every other file reaches tfjs through this module.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { timeStandardStep } from "./auto-measure";
import { AUTO_BUDGET_MS, autoNote, cacheKey, chooseByTiming, timingsText, type AutoChoice, type AutoChoiceCache, type CandidateTiming } from "./auto-pick";
import type { BackendChoice, BackendName } from "./backend-names";

export { tf };
export type TfTensor = tf.Tensor;
export type { BackendChoice, BackendName };

export interface BackendInfo {
  backend: BackendName;
  /** Why this backend was chosen, shown to the user. */
  note: string;
  /**
   * `auto` with no kept choice and `autoMeasure: "later"`: measures the candidates now and switches to the fastest
   * (call it only while no tensor of the user's exists: once the kernel is ready, before any cell ran), keeps the
   * choice; resolves to the backend then running and its note.
   */
  measure?: () => Promise<BackendInfo>;
}

/** A starting backend's phases, for the kernel's start-up progress (kernel/protocol.ts StartupPhase). */
export type BackendStartupPhase = "engine" | "state" | "threads" | "warmup";

/** One start-up step: the phase, what it loads, `done` of `total` where known. */
export interface BackendStartupStep {
  phase: BackendStartupPhase;
  label: string;
  done?: number;
  total?: number;
  unit?: "threads";
}

export interface BackendOptions {
  /** Base URL (ending in "/") where tfjs-backend-wasm's .wasm files are served. */
  wasmBaseUrl?: string;
  /** Skip WebGPU (its device was lost earlier in this session): start on the next backend instead. */
  avoidWebGpu?: boolean;
  /** Threads for fastcpu's kernels (default: the machine's logical cores; needs cross-origin isolation). */
  threads?: number;
  /** Where `auto` keeps its measured choice per adapter and browser (IndexedDB in the app); without it, it measures each start. */
  autoCache?: AutoChoiceCache;
  /** ms of timing `auto` may spend on its candidates (default AUTO_BUDGET_MS; tests pass 0 to act as a busy machine). */
  autoBudgetMs?: number;
  /**
   * `auto` with no kept choice: "now" measures before returning (default); "later" starts the first CPU backend that
   * works at once and leaves the measuring to `BackendInfo.measure` (the app: off the critical path of opening).
   */
  autoMeasure?: "now" | "later";
  /** Told each start-up step as it begins (the status bar's "loading the engine…"). */
  onStartup?: (step: BackendStartupStep) => void;
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

/** A WebGL2 renderer that is real hardware (SwiftShader and llvmpipe are software: slower than wasm, never timed). */
function webglHardware(): { ok: boolean; what: string } {
  try {
    const canvas = typeof OffscreenCanvas === "function" ? new OffscreenCanvas(1, 1) : null;
    const gl = canvas?.getContext("webgl2") as WebGL2RenderingContext | null | undefined;
    if (!gl) return { ok: false, what: "no WebGL2" };
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    const what = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return { ok: !isSoftwareName(what), what };
  } catch {
    return { ok: false, what: "no WebGL2" };
  }
}

/**
 * Starts loading the CPU backends' code (tfjs-wasm's JavaScript and fastcpu's kernels) at once, so it downloads and
 * compiles while the kernel is still setting itself up; registerBackend's imports then find it loaded. Every start
 * needs one of them (auto starts fastcpu first, and it is the fallback of every other choice).
 */
export function prefetchCpuBackends(): void {
  void import("@tensorflow/tfjs-backend-wasm").catch(() => undefined);
  void import("./fastcpu/register").catch(() => undefined);
}

async function registerBackend(name: BackendName, opts: BackendOptions): Promise<void> {
  if (name !== "cpu") opts.onStartup?.({ phase: "engine", label: `${name === "fastcpu" ? "wasm" : name} backend code` });
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
    // tfjs-wasm fetches and compiles its binary here (the kernel reports the bytes as they arrive).
    if (name === "wasm" || name === "fastcpu") opts.onStartup?.({ phase: "engine", label: "tfjs-backend-wasm binary" });
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    if (name === "fastcpu") await startThreads(opts);
    opts.onStartup?.({ phase: "warmup", label: `${name}: first kernels` });
    // A tiny op proves the backend really runs (webgl can register yet fail to compile shaders).
    const probe = tf.add(tf.scalar(1), tf.scalar(2));
    const v = (await probe.data())[0];
    probe.dispose();
    if (v !== 3 && name === "fastcpu") await dropFastCpuThreads();
    return v === 3;
  } catch {
    return false;
  }
}

let threadNote = "one thread";
let simdNote = "WebAssembly SIMD";
/** fastcpu's pool is up: starting fastcpu again (auto's measuring, then its choice) keeps it instead of a second start. */
let threadsUp = false;

/** Starts fastcpu's thread pool where the page allows it; without one its kernels run on one thread. */
async function startThreads(opts: BackendOptions): Promise<void> {
  if (threadsUp) return;
  const { startFastCpuThreads } = await import("./fastcpu/spawn");
  const { kernelVariant } = await import("./fastcpu/variant");
  simdNote = kernelVariant() === "relaxed" ? "WebAssembly relaxed SIMD (FMA)" : "WebAssembly SIMD";
  const report = (done: number, total: number) => opts.onStartup?.({ phase: "threads", label: "fastcpu threads", done, total, unit: "threads" });
  const r = await startFastCpuThreads(opts.threads, report);
  threadNote = r.threads > 1 ? `${r.threads} threads` : `one thread: ${r.why}`;
  threadsUp = true;
}

/**
 * Each candidate started, then timed, in turn. The timing (warm-up step included: a GPU compiles its shaders there)
 * stays within AUTO_BUDGET_MS in all, each candidate getting an equal share of what is left; starting a backend is
 * not counted (the one that wins starts anyway, and a start cannot be cut short).
 */
async function measureCandidates(candidates: BackendName[], opts: BackendOptions): Promise<CandidateTiming[]> {
  let left = opts.autoBudgetMs ?? AUTO_BUDGET_MS;
  const out: CandidateTiming[] = [];
  for (const [i, backend] of candidates.entries()) {
    if (!(await trySet(backend, opts))) {
      out.push({ backend, why: "could not start" });
      continue;
    }
    const t0 = performance.now();
    const share = left / (candidates.length - i);
    try {
      const { msPerStep, warmupOnly } = await timeStandardStep(tf, t0 + share);
      out.push({ backend, msPerStep, ...(warmupOnly ? { firstStepOnly: true } : {}) });
    } catch (e) {
      out.push({ backend, why: `failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    left -= performance.now() - t0;
  }
  return out;
}

/** What the note says about a running backend, before the part on how auto chose it. */
function describe(backend: BackendName, why: string): string {
  if (backend === "fastcpu") return `fastcpu (CPU, ${simdNote}, ${threadNote}; ${why})`;
  if (backend === "webgpu") return `webgpu (${why})`;
  return `${backend} (${why})`;
}

/** Ends fastcpu's pool when auto measured it but picked another backend (its idle workers would only hold memory). */
async function dropFastCpuThreads(): Promise<void> {
  const { setFastCpuPool } = await import("./fastcpu/threaded");
  setFastCpuPool(null);
  threadsUp = false;
}

/**
 * Chooses and starts the compute backend. `auto` picks by measurement: the first time on an adapter and browser it
 * starts each candidate (fastcpu, WebGPU and WebGL on real hardware, wasm) and times a few steps of a small standard
 * model (auto-pick.ts), within AUTO_BUDGET_MS in all, in the kernel's worker (the page is already open); the fastest
 * runs and the choice is cached (opts.autoCache) so later starts go straight to it. Software GPUs are never timed;
 * without any timing it falls back to fastcpu, then wasm, then cpu.
 */
export async function initBackend(choice: BackendChoice, opts: BackendOptions = {}): Promise<BackendInfo> {
  if (choice !== "auto") {
    if (!(choice === "webgpu" && opts.avoidWebGpu) && (await trySet(choice, opts))) {
      return { backend: choice, note: `${choice} (requested with ?backend=${choice}${choice === "fastcpu" ? `; ${simdNote}, ${threadNote}` : ""})` };
    }
    const fallback = await initBackend("auto", opts);
    return { ...fallback, note: `${choice} could not start here; fell back to ${fallback.note}` };
  }
  // The app (autoMeasure "later") starts fastcpu, the likely choice and the first fallback, while it looks for a GPU:
  // a first requestAdapter starts the browser's GPU process (0.5 s on a quiet machine, seconds on a busy one).
  const early = opts.autoMeasure === "later" ? trySet("fastcpu", opts) : undefined;
  const set = async (name: BackendName): Promise<boolean> => {
    if (name === "fastcpu" && early) return early;
    await early; // never two starts at once: each switches tfjs's global backend
    return trySet(name, opts);
  };
  const gpu = opts.avoidWebGpu
    ? { ok: false, hardware: false, what: "the WebGPU device was lost earlier in this session" }
    : await probeWebGpu();
  const why = gpu.ok ? (gpu.hardware ? `WebGPU adapter ${gpu.what}` : `WebGPU adapter is software (${gpu.what})`) : gpu.what;
  const key = cacheKey(gpu.ok ? gpu.what : "no WebGPU adapter", globalThis.navigator?.userAgent ?? `Node ${globalThis.process?.versions?.node ?? ""}`);
  if (opts.autoCache) opts.onStartup?.({ phase: "state", label: "saved backend choice" });
  const cached = await opts.autoCache?.get(key).catch(() => undefined);
  if (cached && !(cached.backend === "webgpu" && opts.avoidWebGpu) && (await set(cached.backend))) {
    if (cached.backend !== "fastcpu") await dropFastCpuThreads();
    return { backend: cached.backend, note: `${describe(cached.backend, why)}; ${autoNote(cached, true)}` };
  }
  const webgl = webglHardware();
  const candidates: BackendName[] = ["fastcpu", ...(gpu.hardware ? ["webgpu" as const] : []), ...(webgl.ok ? ["webgl" as const] : []), "wasm"];
  if (opts.autoMeasure === "later") {
    // Open first, measure after: the first CPU backend that starts runs now; `measure` times the candidates later.
    for (const name of ["fastcpu", "wasm", "cpu"] as const) {
      if (!(await set(name))) continue;
      const measure = () => measureAndKeep(candidates, { key, why, running: name }, opts);
      return { backend: name, note: `${describe(name, why)}; auto: measuring the backends after the start`, measure };
    }
  }
  const timings = await measureCandidates(candidates, opts);
  const best = chooseByTiming(timings);
  if (best && (await trySet(best, opts))) {
    if (best !== "fastcpu") await dropFastCpuThreads();
    return { backend: best, note: `${describe(best, why)}; ${await keep(best, timings, key, opts)}` };
  }
  return firstCpuBackend(why, timings, opts);
}

async function firstCpuBackend(why: string, timings: CandidateTiming[], opts: BackendOptions): Promise<BackendInfo> {
  for (const name of ["fastcpu", "wasm", "cpu"] as const) {
    if (await trySet(name, opts)) return { backend: name, note: `${describe(name, why)}; auto measured nothing usable (${timingsText(timings)}), so the first CPU backend that starts runs` };
  }
  throw new Error("No tfjs backend could start in this browser (tried webgpu, fastcpu, wasm, cpu).");
}

/**
 * Keeps a measured choice in the cache and returns the note. A candidate judged on its warm-up step alone means the
 * machine was too busy to measure within the budget: that choice runs but is not kept, so the next start measures again.
 */
async function keep(best: BackendName, timings: CandidateTiming[], key: string, opts: BackendOptions): Promise<string> {
  const picked: AutoChoice = { backend: best, timings, measuredAt: new Date().toISOString() };
  const reliable = timings.every((t) => !t.firstStepOnly);
  if (reliable) await opts.autoCache?.set(key, picked).catch(() => undefined);
  return `${autoNote(picked, false)}${reliable ? "" : "; not kept: too busy to time more than a first step, measured again next start"}`;
}

/** auto's measurement after the start: times every candidate, runs the fastest (back to the running one if none) and keeps the choice. */
async function measureAndKeep(candidates: BackendName[], at: { key: string; why: string; running: BackendName }, opts: BackendOptions): Promise<BackendInfo> {
  const quiet = { ...opts, onStartup: undefined };
  const timings = await measureCandidates(candidates, quiet);
  const best = chooseByTiming(timings);
  const target = best ?? at.running;
  if (!(await trySet(target, quiet))) {
    await trySet(at.running, quiet);
    return { backend: at.running, note: `${describe(at.running, at.why)}; auto measured ${timingsText(timings)} but ${target} did not start again` };
  }
  if (target !== "fastcpu") await dropFastCpuThreads();
  if (!best) return { backend: target, note: `${describe(target, at.why)}; auto measured nothing usable (${timingsText(timings)})` };
  return { backend: target, note: `${describe(target, at.why)}; ${await keep(best, timings, at.key, opts)}` };
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
