// The threaded forms of the fastcpu kernels: copy the operands from tfjs-wasm's heap into the pool's arena, split the
// work over the pool's threads, copy the result back. Each returns false (nothing written) when the work is too small
// for threads to pay for the copies, so the caller runs its one-thread path.
import { ArenaFull, PoolBroken, splitRange, type ThreadPool } from "./pool";
import type { Call } from "./pool-loop";
import type { Conv2DInfo } from "./tfjs-types";

let pool: ThreadPool | null = null;
/**
 * Multiply-adds below which a kernel stays on one thread: copies and wake-ups cost more than they save. Measured in
 * Node on 2 threads (2 cores): 0.26M and 0.52M MACs ran 0.93× as fast, 1.05M 1.0×, 2.1M 1.26–1.42×, 12.8M 1.5–1.65×.
 */
const DEFAULT_MIN_MACS = 1.5e6;
let minMacs = DEFAULT_MIN_MACS;

/** Installs (or with null removes) the pool the fastcpu kernels use. */
export function setFastCpuPool(p: ThreadPool | null): void {
  pool?.close();
  pool = p;
}

/** Threads the fastcpu kernels run on (1 without a pool). */
export function fastCpuThreads(): number {
  return pool && !pool.broken ? pool.threads : 1;
}

/** Sets the size (multiply-adds) from which kernels use the pool; 0 sends every kernel there (tests), null restores it. */
export function setThreadThreshold(macs: number | null): void {
  minMacs = macs ?? DEFAULT_MIN_MACS;
}

/** tfjs-wasm's heap as an ArrayBuffer (read fresh: the heap may have grown). */
export type HeapOf = () => ArrayBufferLike;

let used = 0;
/** How many kernels have run on the pool so far (tests check the threaded path really ran). */
export function threadedKernelCount(): number {
  return used;
}

/** Time and bytes the threaded kernels spent copying between tfjs-wasm's heap and the arena, and in all. */
const copyStats = { copyMs: 0, totalMs: 0, bytes: 0 };
/** A snapshot of the copy counters (the bench and the A/B scripts read it; reset with `true`). */
export function threadedCopyStats(reset = false): { copyMs: number; totalMs: number; bytes: number } {
  const out = { ...copyStats };
  if (reset) Object.assign(copyStats, { copyMs: 0, totalMs: 0, bytes: 0 });
  return out;
}

/** `pl.copyIn` / `pl.copyOut`, timed into copyStats. */
function timedCopyIn(pl: ThreadPool, src: ArrayBufferLike, ptr: number, bytes: number): number {
  const t0 = performance.now();
  const at = pl.copyIn(src, ptr, bytes);
  copyStats.copyMs += performance.now() - t0;
  copyStats.bytes += bytes;
  return at;
}
function timedCopyOut(pl: ThreadPool, dst: ArrayBufferLike, ptr: number, at: number, bytes: number): void {
  const t0 = performance.now();
  pl.copyOut(dst, ptr, at, bytes);
  copyStats.copyMs += performance.now() - t0;
  copyStats.bytes += bytes;
}

/** The pool when a kernel of `macs` multiply-adds should use it. */
function poolFor(macs: number): ThreadPool | null {
  if (!pool || pool.threads < 2 || pool.broken || macs < minMacs || macs === 0) return null;
  used++;
  return pool;
}

/**
 * Runs a threaded kernel; false sends the caller to its one-thread path, which recomputes from tfjs's tensors (nothing
 * was written to them yet): when the operands do not fit the arena, or when a worker stopped answering (the pool is
 * then retired and later kernels stay on one thread).
 */
function attempt(f: () => boolean): boolean {
  const t0 = performance.now();
  try {
    return f();
  } catch (e) {
    if (e instanceof ArenaFull || e instanceof PoolBroken) return false;
    throw e;
  } finally {
    copyStats.totalMs += performance.now() - t0;
  }
}

/** A gemm call for a pool thread (C's row stride N). */
const gemmArgs = (a: number, b: number, c: number, M: number, N: number, K: number, rsA: number, csA: number, rsB: number, csB: number, bias: number, act: number, pack: number): Call => ({
  fn: "gemm",
  args: [a, b, c, M, N, K, rsA, csA, rsB, csB, bias, act, pack, 0],
});

/**
 * Floats of scratch wasm/gemm.ts needs for M rows and inner size K: one packed 8-column B panel (8 floats for each of
 * at most 512 values of k per pass) and one block of packed 4-row A panels (at most 65,536 floats).
 */
export function gemmScratchFloats(M: number, K: number): number {
  const kc = Math.min(K, 512);
  return 8 * kc + Math.min(Math.ceil(M / 4) * 4 * kc, 65536);
}

/**
 * gemm on tfjs-wasm's own heap, run by the kernel's thread in place: its arguments up to `act` (pointers are
 * tfjs-heap offsets) and C's row stride (0: N); kernels.ts binds it to the plain module and adds the packing scratch.
 */
export type LocalGemm = (args: number[], ldc?: number) => void;

/** One GEMM's operands (tfjs-heap pointers) and shape. */
interface GemmJob { a: number; b: number; c: number; bias: number; M: number; N: number; K: number; batch: number; batchA: number; batchB: number; ta: boolean; tb: boolean; act: number }

/**
 * C = A·B (+bias, act) for `batch` matrices, split over the threads. Pointers are tfjs-heap offsets. With `local` and
 * one matrix, the kernel's own thread computes the first share in place on tfjs-wasm's heap; only the workers' shares
 * travel through the arena. The share is a block of C's columns when B is transposed and that copies less (x·Wᵀ:
 * each worker then copies and packs only its rows of W, instead of all of W for a block of rows), else of C's rows.
 */
export function gemmThreaded(heap: HeapOf, p: GemmJob, local?: LocalGemm): boolean {
  const { M, N, K, batch, batchA, batchB, ta, tb, act } = p;
  // At least 16 rows (or columns) a thread: thinner slices repack the same panels for little work; 4 when every kernel
  // is sent to the pool (threshold 0, the tests), so small shapes exercise the split too.
  const minRows = minMacs === 0 ? 4 : 16;
  // By columns when it copies fewer bytes: the workers then take all of A but only their part of the stored B, so
  // for x·Wᵀ with M ≤ N (batch 64 × 256 units), A transposed (all of A goes either way), or too few rows to split.
  const byColumns = local && batch === 1 && tb && N >= 2 * minRows && (ta || M <= N || M < 2 * minRows);
  const pl = byColumns || M >= 2 * minRows ? poolFor(M * N * K * batch) : null;
  if (!pl) return false;
  if (byColumns) return attempt(() => gemmByColumns(heap, pl, p, splitRange(N, Math.min(pl.threads, Math.ceil(N / minRows)), 8), local));
  const rsA = ta ? 1 : K;
  /** gemm's arguments after (a, b, c, rows): N, K and the four strides. */
  const dims = [N, K, rsA, ta ? M : 1, tb ? 1 : N, tb ? K : 1];
  return attempt(() => {
    pl.reset();
    const ranges = splitRange(M, Math.min(pl.threads, Math.ceil(M / minRows)), 4);
    if (local && batch === 1 && ranges.length > 1) {
      // Rows from `from` on go to the workers. A's rows are contiguous unless A is transposed (then all of A goes).
      const from = ranges[1][0];
      const aFrom = ta ? 0 : from;
      const a = timedCopyIn(pl, heap(), p.a + aFrom * K * 4, (M - aFrom) * K * 4);
      const b = timedCopyIn(pl, heap(), p.b, K * N * 4);
      const bias = p.bias ? timedCopyIn(pl, heap(), p.bias, N * 4) : 0;
      const c = pl.alloc((M - from) * N * 4);
      const packs = ranges.map(([r0, r1]) => pl.alloc(gemmScratchFloats(r1 - r0, K) * 4));
      const [m0, m1] = ranges[0];
      pl.run(
        ranges.map(([r0, r1], t): Call[] => (t === 0 ? [] : [{ fn: "gemm", args: [a + (r0 - aFrom) * rsA * 4, b, c + (r0 - from) * N * 4, r1 - r0, ...dims, bias, act, packs[t], 0] }])),
        () => local([p.a + m0 * rsA * 4, p.b, p.c + m0 * N * 4, m1 - m0, ...dims, p.bias, act]),
      );
      timedCopyOut(pl, heap(), p.c + from * N * 4, c, (M - from) * N * 4);
      return true;
    }
    const a = timedCopyIn(pl, heap(), p.a, batchA * M * K * 4);
    const b = timedCopyIn(pl, heap(), p.b, batchB * K * N * 4);
    const bias = p.bias ? timedCopyIn(pl, heap(), p.bias, N * 4) : 0;
    const c = pl.alloc(batch * M * N * 4);
    const packs = ranges.map(([r0, r1]) => pl.alloc(gemmScratchFloats(r1 - r0, K) * 4));
    for (let i = 0; i < batch; i++) {
      const offA = batchA === 1 ? 0 : i * M * K * 4;
      const offB = batchB === 1 ? 0 : i * K * N * 4;
      pl.run(ranges.map(([m0, m1], t) => [
        gemmArgs(a + offA + m0 * rsA * 4, b + offB, c + (i * M + m0) * N * 4, m1 - m0, N, K, rsA, ta ? M : 1, tb ? 1 : N, tb ? K : 1, bias, act, packs[t]),
      ]));
    }
    timedCopyOut(pl, heap(), p.c, c, batch * M * N * 4);
    return true;
  });
}

/**
 * One GEMM with B transposed (stored [N, K]), split by blocks of C's columns: the kernel's thread computes columns
 * `ranges[0]` in place; the workers get all of A, their rows of the stored B and of the bias, and write a compact
 * [M, N − from] block of C that comes back row by row.
 */
function gemmByColumns(heap: HeapOf, pl: ThreadPool, p: GemmJob, ranges: [number, number][], local: LocalGemm): boolean {
  const { M, N, K, ta, act } = p;
  if (ranges.length < 2) return false;
  pl.reset();
  const from = ranges[1][0];
  const w = N - from;
  const rsA = ta ? 1 : K;
  const csA = ta ? M : 1;
  const a = timedCopyIn(pl, heap(), p.a, M * K * 4);
  const b = timedCopyIn(pl, heap(), p.b + from * K * 4, w * K * 4);
  const bias = p.bias ? timedCopyIn(pl, heap(), p.bias + from * 4, w * 4) : 0;
  const c = pl.alloc(M * w * 4);
  const packs = ranges.map(() => pl.alloc(gemmScratchFloats(M, K) * 4));
  const [n0, n1] = ranges[0];
  pl.run(
    ranges.map(([j0, j1], t): Call[] => (t === 0 ? [] : [{
      fn: "gemm",
      args: [a, b + (j0 - from) * K * 4, c + (j0 - from) * 4, M, j1 - j0, K, rsA, csA, 1, K, bias && bias + (j0 - from) * 4, act, packs[t], w],
    }])),
    () => local([p.a, p.b + n0 * K * 4, p.c + n0 * 4, M, n1 - n0, K, rsA, csA, 1, K, p.bias && p.bias + n0 * 4, act], N),
  );
  const t0 = performance.now();
  const dst = new Float32Array(heap(), p.c, M * N);
  const src = pl.floats(c, M * w);
  for (let i = 0; i < M; i++) dst.set(src.subarray(i * w, (i + 1) * w), i * N + from);
  copyStats.copyMs += performance.now() - t0;
  copyStats.bytes += M * w * 4;
  return true;
}

/** The convolution's geometry for `n` images (im2col/col2im's arguments after the two pointers). */
function geometry(ci: Conv2DInfo, n: number): number[] {
  return [n, ci.inHeight, ci.inWidth, ci.inChannels, ci.filterHeight, ci.filterWidth, ci.strideHeight, ci.strideWidth,
    ci.dilationHeight, ci.dilationWidth, ci.padInfo.top, ci.padInfo.left, ci.outHeight, ci.outWidth];
}

interface ConvSizes {
  img: number; // floats per input image
  pq: number; // output positions per image
  depth: number; // taps per output position
  O: number;
}

function sizes(ci: Conv2DInfo): ConvSizes {
  return { img: ci.inHeight * ci.inWidth * ci.inChannels, pq: ci.outHeight * ci.outWidth, depth: ci.filterHeight * ci.filterWidth * ci.inChannels, O: ci.outChannels };
}

/** What a convolution split by images gets: the pool, each thread's image range, sizes, inputs' arena offsets. */
interface ByImages {
  pl: ThreadPool;
  ranges: [number, number][];
  s: ConvSizes;
  ins: number[];
  /** Where image n0's im2col rows start in the arena's column block. */
  colsAt(n0: number): number;
}

/**
 * Runs a convolution kernel split by images (false when too small, with too few images, or over the arena): copies
 * `inputs` ([tfjs-heap pointer, floats]) into the arena, allocates the im2col block, then runs `body`.
 */
function byImages(heap: HeapOf, ci: Conv2DInfo, inputs: [number, number][], body: (c: ByImages) => void): boolean {
  const s = sizes(ci);
  const pl = poolFor(ci.batchSize * s.pq * s.depth * s.O);
  if (!pl || ci.batchSize < pl.threads) return false;
  return attempt(() => {
    pl.reset();
    const ins = inputs.map(([p, n]) => timedCopyIn(pl, heap(), p, n * 4));
    const cols = pl.alloc(ci.batchSize * s.pq * s.depth * 4);
    body({ pl, ranges: splitRange(ci.batchSize, pl.threads), s, ins, colsAt: (n0) => cols + n0 * s.pq * s.depth * 4 });
    return true;
  });
}

/** out = im2col(x) · filter, each thread on its own images. */
export function conv2dThreaded(heap: HeapOf, ci: Conv2DInfo, px: number, pf: number, pout: number): boolean {
  const { img, pq, depth, O } = sizes(ci);
  return byImages(heap, ci, [[px, ci.batchSize * img], [pf, depth * O]], ({ pl, ranges, ins: [x, f], colsAt }) => {
    const out = pl.alloc(ci.batchSize * pq * O * 4);
    const packs = ranges.map(([n0, n1]) => pl.alloc(gemmScratchFloats((n1 - n0) * pq, depth) * 4));
    pl.run(ranges.map(([n0, n1], t) => [
      { fn: "im2col", args: [x + n0 * img * 4, colsAt(n0), ...geometry(ci, n1 - n0)] },
      gemmArgs(colsAt(n0), f, out + n0 * pq * O * 4, (n1 - n0) * pq, O, depth, depth, 1, O, 1, 0, 0, packs[t]),
    ]));
    timedCopyOut(pl, heap(), pout, out, ci.batchSize * pq * O * 4);
  });
}

/** dx = col2im(dy · filterᵀ), each thread on its own images. */
export function conv2dBackpropInputThreaded(heap: HeapOf, ci: Conv2DInfo, pdy: number, pf: number, pdx: number): boolean {
  const { img, pq, depth, O } = sizes(ci);
  return byImages(heap, ci, [[pdy, ci.batchSize * pq * O], [pf, depth * O]], ({ pl, ranges, ins: [dy, f], colsAt }) => {
    const dx = pl.alloc(ci.batchSize * img * 4);
    const packs = ranges.map(([n0, n1]) => pl.alloc(gemmScratchFloats((n1 - n0) * pq, O) * 4));
    pl.run(ranges.map(([n0, n1], t) => [
      gemmArgs(dy + n0 * pq * O * 4, f, colsAt(n0), (n1 - n0) * pq, depth, O, O, 1, 1, O, 0, 0, packs[t]),
      { fn: "col2im", args: [colsAt(n0), dx + n0 * img * 4, ...geometry(ci, n1 - n0)] },
    ]));
    timedCopyOut(pl, heap(), pdx, dx, ci.batchSize * img * 4);
  });
}

/** dW = Σ over threads of im2col(x_t)ᵀ · dy_t: each thread sums its own images, then the partial sums are added here. */
export function conv2dBackpropFilterThreaded(heap: HeapOf, ci: Conv2DInfo, px: number, pdy: number, pdw: number): boolean {
  const { img, pq, depth, O } = sizes(ci);
  return byImages(heap, ci, [[px, ci.batchSize * img], [pdy, ci.batchSize * pq * O]], ({ pl, ranges, ins: [x, dy], colsAt }) => {
    const parts = ranges.map(() => pl.alloc(depth * O * 4));
    const packs = ranges.map(([n0, n1]) => pl.alloc(gemmScratchFloats(depth, (n1 - n0) * pq) * 4));
    pl.run(ranges.map(([n0, n1], t) => [
      { fn: "im2col", args: [x + n0 * img * 4, colsAt(n0), ...geometry(ci, n1 - n0)] },
      gemmArgs(colsAt(n0), dy + n0 * pq * O * 4, parts[t], depth, O, (n1 - n0) * pq, 1, depth, O, 1, 0, 0, packs[t]),
    ]));
    const dw = new Float32Array(heap(), pdw, depth * O);
    dw.set(pl.floats(parts[0], depth * O));
    for (let t = 1; t < parts.length; t++) {
      const part = pl.floats(parts[t], depth * O);
      for (let i = 0; i < dw.length; i++) dw[i] += part[i];
    }
  });
}
