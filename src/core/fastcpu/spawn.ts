// Starts the fastcpu thread pool in a browser (the kernel's worker or a bench page): one module worker per extra thread.
import { startThreadPool, threadsSupported } from "./pool";
import { setFastCpuPool } from "./threaded";

/**
 * Starts `threads` threads (default: the machine's logical cores) when the context is cross-origin isolated.
 * Returns the threads now in use and, when that is 1, why (shown in the backend note).
 */
export async function startFastCpuThreads(threads?: number): Promise<{ threads: number; why?: string }> {
  const want = threads ?? (globalThis.navigator?.hardwareConcurrency || 1);
  if (want <= 1) return { threads: 1, why: "one thread requested" };
  if (!threadsSupported()) return { threads: 1, why: "the page is not cross-origin isolated (COOP/COEP headers)" };
  try {
    const pool = await startThreadPool(want, () => new Worker(new URL("./pool-worker.ts", import.meta.url), { type: "module", name: "fastcpu-pool" }));
    setFastCpuPool(pool);
    return { threads: pool.threads };
  } catch (err) {
    setFastCpuPool(null);
    return { threads: 1, why: err instanceof Error ? err.message : String(err) };
  }
}
