// Starts the fastcpu thread pool in a browser (the kernel's worker or a bench page): one module worker per extra thread.
import { startThreadPool, threadsSupported } from "./pool";
import { setFastCpuPool } from "./threaded";

/**
 * Most threads by default: every thread copies its operands and packs its own B panels, and the GEMMs of MNIST-sized
 * models split into few useful parts (64 rows → 4 threads of 16); wasm runtimes cap their pools at 4 for the same reason.
 */
const DEFAULT_MAX_THREADS = 4;

/**
 * Starts `threads` threads (default: the machine's logical cores, at most 4) when the context is cross-origin isolated.
 * Returns the threads now in use and, when that is 1, why (shown in the backend note).
 */
export async function startFastCpuThreads(threads?: number, onProgress?: (up: number, total: number) => void): Promise<{ threads: number; why?: string }> {
  const cores = globalThis.navigator?.hardwareConcurrency || 1;
  const want = threads ?? Math.min(DEFAULT_MAX_THREADS, cores);
  if (want <= 1) return { threads: 1, why: threads !== undefined ? "one thread requested" : "this machine reports one logical core" };
  if (!threadsSupported()) return { threads: 1, why: "the page is not cross-origin isolated (COOP/COEP headers)" };
  try {
    // onProgress (the kernel's start-up line): threads up of `want`, counting the kernel's own; each worker's first message is its "ready".
    let up = 1;
    onProgress?.(up, want);
    const spawn = () => {
      const w = new Worker(new URL("./pool-worker.ts", import.meta.url), { type: "module", name: "fastcpu-pool" });
      w.addEventListener("message", () => onProgress?.(++up, want), { once: true });
      return w;
    };
    const pool = await startThreadPool(want, spawn);
    setFastCpuPool(pool);
    return { threads: pool.threads };
  } catch (err) {
    setFastCpuPool(null);
    return { threads: 1, why: err instanceof Error ? err.message : String(err) };
  }
}
