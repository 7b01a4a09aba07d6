// The fastcpu thread pool: our SIMD kernels instantiated on one shared WebAssembly.Memory by the kernel's thread and by
// `threads − 1` workers. tfjs-wasm's own heap is not shared, so a threaded kernel copies its inputs into the pool's
// arena, splits the work (rows of a GEMM, images of a convolution) over the threads, and copies the result back.
// Needs cross-origin isolation (SharedArrayBuffer); without it fastcpu runs on one thread as before.
import { SHARED_MAX_PAGES } from "./kernels-wasm";
import { kernelModuleBytes, kernelVariant, type KernelVariant } from "./variant";
import { ARITY, CONTROL_BYTES, DONE, FAILED, GEN, MAX_THREADS, STOP, runSlot, writeSlot, type Call, type PoolKernels } from "./pool-loop";

const PAGE = 65536;
/** Workers and Node may block in Atomics.wait; a page's main thread (with a document) may not. */
const CAN_BLOCK = typeof (globalThis as { document?: unknown }).document === "undefined";

/** A kernel's operands do not fit the pool's memory: the caller runs that kernel on one thread instead. */
export class ArenaFull extends Error {
  constructor(bytes: number, limit: number) {
    super(`fastcpu threads: one kernel needs ${(bytes / 2 ** 20).toFixed(1)} MiB of arena, above the ${(limit / 2 ** 20).toFixed(1)} MiB the pool may grow to`);
  }
}

/** A pool worker stopped answering: the pool is retired and its kernels run on one thread from then on. */
export class PoolBroken extends Error {}

export class ThreadPool {
  private top = CONTROL_BYTES;
  private readonly ctl: Int32Array;
  private brokenWhy: string | null = null;

  constructor(
    readonly memory: WebAssembly.Memory,
    private readonly k: PoolKernels,
    /** Threads in all, the kernel's own included. */
    readonly threads: number,
    private readonly workers: { terminate(): void }[],
    /** Most bytes the shared memory may grow to. */
    private readonly maxBytes = SHARED_MAX_PAGES * PAGE,
    /** How long `run` waits for the workers before retiring the pool. */
    private readonly jobTimeoutMs = 30_000,
    /** The module build every thread of this pool runs. */
    readonly variant: KernelVariant = "simd",
  ) {
    this.ctl = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);
  }

  /** Why the pool was retired, or null while it works. */
  get broken(): string | null {
    return this.brokenWhy;
  }

  /** Frees the whole arena (each threaded kernel starts with this). */
  reset(): void {
    this.top = CONTROL_BYTES;
  }

  /** `bytes` of arena, 64-byte aligned, growing the shared memory when needed; returns the offset. */
  alloc(bytes: number): number {
    const at = this.top;
    this.top = at + Math.ceil(Math.max(bytes, 16) / 64) * 64;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      const pages = Math.ceil((this.top - have) / PAGE);
      if (have + pages * PAGE > this.maxBytes) throw new ArenaFull(this.top, this.maxBytes);
      try {
        this.memory.grow(pages);
      } catch {
        throw new ArenaFull(this.top, this.maxBytes);
      }
    }
    return at;
  }

  /** Copies `bytes` from `src` (another memory's buffer) at `ptr` into a new arena block; returns its offset. */
  copyIn(src: ArrayBufferLike, ptr: number, bytes: number): number {
    const at = this.alloc(bytes);
    new Uint8Array(this.memory.buffer, at, bytes).set(new Uint8Array(src, ptr, bytes));
    return at;
  }

  /** Copies `bytes` of arena at `at` to `dst` at `ptr`. */
  copyOut(dst: ArrayBufferLike, ptr: number, at: number, bytes: number): void {
    new Uint8Array(dst, ptr, bytes).set(new Uint8Array(this.memory.buffer, at, bytes));
  }

  /** The arena as floats (a fresh view: growing the memory replaces the buffer). */
  floats(at: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, n);
  }

  /**
   * Runs `jobs[t]` on thread t (t = 0 here, the others in the workers) and returns when all are done. With `local`,
   * thread 0 runs that instead of jobs[0] (a kernel working in place on tfjs-wasm's heap, so its share needs no copy);
   * if it throws, the workers are still waited for before the error goes on (they use the arena).
   */
  run(jobs: Call[][], local?: () => void): void {
    if (this.brokenWhy) throw new PoolBroken(this.brokenWhy);
    const ctl = this.ctl;
    for (let t = 0; t < this.threads; t++) writeSlot(ctl, t, local && t === 0 ? [] : (jobs[t] ?? []));
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, FAILED, -1);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    let localError: unknown = null;
    if (local) {
      try {
        local();
      } catch (e) {
        localError = e ?? new Error("fastcpu threads: the in-place kernel failed");
      }
    } else {
      runSlot(ctl, 0, this.k, ARITY);
    }
    this.waitForWorkers();
    if (localError) throw localError;
  }

  /** Waits until every worker has finished its slot; retires the pool when one stops answering. */
  private waitForWorkers(): void {
    const ctl = this.ctl;
    const others = this.threads - 1;
    const deadline = Date.now() + this.jobTimeoutMs;
    for (let spins = 0; Atomics.load(ctl, DONE) < others; spins++) {
      if (spins < 100_000 || (spins & 1023) !== 0) continue;
      const seen = Atomics.load(ctl, DONE);
      // A page's main thread may not block (Atomics.wait throws there): it keeps spinning instead.
      if (seen < others && CAN_BLOCK) Atomics.wait(ctl, DONE, seen, 50);
      if (Date.now() > deadline) {
        this.brokenWhy = `fastcpu threads: a pool worker stopped answering (${this.jobTimeoutMs / 1000} s); running on one thread from now on`;
        console.warn(this.brokenWhy);
        throw new PoolBroken(this.brokenWhy);
      }
    }
    const failed = Atomics.load(ctl, FAILED);
    if (failed >= 0) throw new Error(`fastcpu threads: a kernel failed on pool thread ${failed}`);
  }

  /** Stops and ends the workers. */
  close(): void {
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const w of this.workers) w.terminate();
  }
}

/** Splits [0, n) into `parts` ranges, each a multiple of `quantum` long except the last; empty ranges dropped. */
export function splitRange(n: number, parts: number, quantum = 1): [number, number][] {
  const size = Math.ceil(n / parts / quantum) * quantum;
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += size) out.push([s, Math.min(n, s + size)]);
  return out;
}

/** Can this context run the pool? (SharedArrayBuffer needs cross-origin isolation; workers need a Worker global.) */
export function threadsSupported(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown; SharedArrayBuffer?: unknown };
  return g.crossOriginIsolated === true && typeof g.Worker === "function" && typeof g.SharedArrayBuffer === "function";
}

export interface WorkerLike {
  postMessage(m: unknown): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/**
 * Starts a pool of `threads` (capped at MAX_THREADS): creates the shared memory, instantiates the kernels here, spawns
 * `threads − 1` workers with `spawn` and waits until each has instantiated too. Rejects (after ending any workers)
 * when a worker fails or does not answer within `timeoutMs`.
 */
export async function startThreadPool(threads: number, spawn: () => WorkerLike, opts: { timeoutMs?: number; maxBytes?: number; jobTimeoutMs?: number } = {}): Promise<ThreadPool> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const n = Math.max(1, Math.min(MAX_THREADS, Math.floor(threads)));
  const memory = new WebAssembly.Memory({ initial: 64, maximum: SHARED_MAX_PAGES, shared: true });
  const variant = kernelVariant();
  const module = await WebAssembly.compile(kernelModuleBytes("shared") as BufferSource);
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as PoolKernels;
  const workers: WorkerLike[] = [];
  try {
    await Promise.all(
      Array.from({ length: n - 1 }, (_, i) => {
        const w = spawn();
        workers.push(w);
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`fastcpu threads: pool worker ${i + 1} did not start within ${timeoutMs} ms`)), timeoutMs);
          w.onmessage = (e: MessageEvent) => {
            clearTimeout(timer);
            const d = e.data as { ready: boolean; error?: string };
            if (d.ready) resolve();
            else reject(new Error(`fastcpu threads: pool worker ${i + 1} failed: ${d.error}`));
          };
          w.onerror = (e: ErrorEvent) => {
            clearTimeout(timer);
            reject(new Error(`fastcpu threads: pool worker ${i + 1} failed to load: ${e.message}`));
          };
          w.postMessage({ memory, module, index: i + 1 });
        });
      }),
    );
  } catch (err) {
    for (const w of workers) w.terminate();
    throw err;
  }
  return new ThreadPool(memory, k, n, workers, opts.maxBytes, opts.jobTimeoutMs, variant);
}
