// The job format shared by the fastcpu thread pool (pool.ts, on the kernel's thread) and its workers (pool-worker.ts):
// a control block of Int32s at byte 0 of the shared memory, one slot per thread, each slot one or two kernel calls.

/** The exports of wasm/kernels.ts that a job may call (pointers are byte offsets into the shared memory). */
export interface PoolKernels {
  gemm(...args: number[]): void;
  im2col(...args: number[]): void;
  col2im(...args: number[]): void;
  maxPoolGrad(...args: number[]): void;
}

/** A kernel call: the export's name and its integer arguments. */
export interface Call {
  fn: keyof PoolKernels;
  args: number[];
}

const FNS: (keyof PoolKernels)[] = ["gemm", "im2col", "col2im", "maxPoolGrad"];
/** Control block indices. */
export const GEN = 0;
export const DONE = 1;
export const STOP = 2;
export const FAILED = 3;
const SLOT0 = 16;
const MAX_CALLS = 2;
const MAX_ARGS = 16;
const SLOT_INTS = 1 + MAX_CALLS * (1 + MAX_ARGS);
/** Most threads (the kernel's own included) one control block serves. */
export const MAX_THREADS = 16;
/** Bytes the control block takes at the start of the shared memory; the arena begins after it. */
export const CONTROL_BYTES = 4096;
if ((SLOT0 + MAX_THREADS * SLOT_INTS) * 4 > CONTROL_BYTES) throw new Error("pool-loop: control block overflows");

/** Writes thread `t`'s calls into its slot (an empty list: nothing to do this round). */
export function writeSlot(ctl: Int32Array, t: number, calls: Call[]): void {
  if (calls.length > MAX_CALLS) throw new Error(`fastcpu pool: a slot holds at most ${MAX_CALLS} calls, got ${calls.length}`);
  const base = SLOT0 + t * SLOT_INTS;
  ctl[base] = calls.length;
  calls.forEach((c, i) => {
    if (c.args.length > MAX_ARGS) throw new Error(`fastcpu pool: ${c.fn} takes at most ${MAX_ARGS} arguments here`);
    const at = base + 1 + i * (1 + MAX_ARGS);
    ctl[at] = FNS.indexOf(c.fn);
    ctl.set(c.args, at + 1);
  });
}

/** Runs thread `t`'s slot with kernel instance `k`. */
export function runSlot(ctl: Int32Array, t: number, k: PoolKernels, arity: Record<keyof PoolKernels, number>): void {
  const base = SLOT0 + t * SLOT_INTS;
  const n = ctl[base];
  for (let i = 0; i < n; i++) {
    const at = base + 1 + i * (1 + MAX_ARGS);
    const fn = FNS[ctl[at]];
    const args = Array.from(ctl.subarray(at + 1, at + 1 + arity[fn]));
    k[fn](...args);
  }
}

/** Argument counts of the exports (wasm/kernels.ts). */
export const ARITY: Record<keyof PoolKernels, number> = { gemm: 14, im2col: 16, col2im: 16, maxPoolGrad: 15 };

/**
 * Spins this many polls (~0.2–0.5 ms) for a new job before sleeping, so back-to-back kernels of one training step skip
 * the futex wake-up. In Chromium, MLP batch 64, 10 alternating rounds: one thread 1.76–2.83 ms/step; two threads with
 * 20k polls 1.81–2.62, with 400k polls 1.60–2.53 (a noisy 2-core machine; the UI bench kept no task over 50 ms).
 */
const SPINS = 200_000;

/**
 * A worker's loop (never returns until STOP): wait for a new generation, run this thread's slot, count it done.
 * A kernel that throws sets FAILED so the kernel thread reports it instead of waiting forever.
 */
export function serve(ctl: Int32Array, k: PoolKernels, t: number): void {
  let seen = Atomics.load(ctl, GEN);
  for (;;) {
    for (let i = 0; i < SPINS && Atomics.load(ctl, GEN) === seen; i++);
    while (Atomics.load(ctl, GEN) === seen) Atomics.wait(ctl, GEN, seen);
    seen = Atomics.load(ctl, GEN);
    if (Atomics.load(ctl, STOP) !== 0) return;
    try {
      runSlot(ctl, t, k, ARITY);
    } catch {
      Atomics.store(ctl, FAILED, t);
    }
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}
