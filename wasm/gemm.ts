// GEMM with any transposes (as strides) and fused bias + ReLU: f32x4 4×8 register tiles over packed 4-row panels of A
// and 8-column panels of B.
// Part of the fastcpu SIMD module (entry: wasm/kernels.ts). Pointers are byte offsets into the imported memory.

/**
 * c + a·b per lane. Built with relaxed SIMD (--enable relaxed-simd) it is one f32x4.relaxed_madd: a fused
 * multiply-add (vfmadd on x86 with FMA, fmla on ARM) where the CPU has it, else mul + add as below; without the
 * feature, the plain SIMD mul + add. The branch is resolved when the module is compiled.
 */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * Most rows of K per pass (K is split into equal passes), so a packed B panel (8·KC floats, 16 KiB) stays in L1 with
 * the tile's rows of A; fewer passes over C than with 256 (interleaved A/B: K = 784 and 512 ran 3–13% faster).
 */
const KC = 512;
/** Floats of packed A per block (MC rows × kc), 256 KiB, so the block stays in L2 while the B panels sweep over it. */
const A_BLOCK = 65536;
/**
 * Rows of the register tile: 4×8 floats in 8 accumulators. V8 loads all of an iteration's operands before its
 * multiply-adds, so 8 accumulators + 2 vectors of B + 4 of A take 14 of the 15 vector registers it allocates on x64
 * (6×8 and 5×8 tiles spilled accumulators to the stack and ran at half the speed); 8 independent FMA chains already
 * reach this CPU's wasm peak (~51 GFLOP/s measured with 8 and with 10 accumulators).
 */
const MR = 4;

/** Packs B[k0..k0+kc, j0..j0+8) into bp (8 floats per k, zero beyond n). Element (k, j) is at b + (k·rsB + j·csB)·4. */
function packPanel(b: usize, bp: usize, k0: i32, kc: i32, n: i32, j0: i32, rsB: i32, csB: i32): void {
  const w = min(8, n - j0);
  if (w == 8 && csB == 1) {
    for (let k = 0; k < kc; k++) {
      const src = b + (<usize>((k0 + k) * rsB + j0) << 2);
      const dst = bp + (<usize>k << 5);
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
    }
    return;
  }
  let k = 0;
  if (w == 8 && rsB == 1) {
    // B is a transposed matrix (8 contiguous rows of K): 4×4 register transposes, 4 values of k at a time.
    const r0 = b + (<usize>(k0 + j0 * csB) << 2);
    const rs = <usize>csB << 2;
    for (; k + 4 <= kc; k += 4) {
      const o = <usize>k << 2;
      const dst = bp + (<usize>k << 5);
      transpose4(r0 + o, rs, dst);
      transpose4(r0 + 4 * rs + o, rs, dst + 16);
    }
  }
  for (; k < kc; k++) {
    const dst = bp + (<usize>k << 5);
    for (let jj = 0; jj < 8; jj++) {
      const v: f32 = jj < w ? load<f32>(b + (<usize>((k0 + k) * rsB + (j0 + jj) * csB) << 2)) : 0;
      store<f32>(dst + (<usize>jj << 2), v);
    }
  }
}

/** Reads 4 rows of 4 floats (row stride rs bytes) and writes their transpose as 4 vectors 32 bytes apart. */
// @ts-ignore: decorator
@inline function transpose4(src: usize, rs: usize, dst: usize): void {
  const a = v128.load(src);
  const b = v128.load(src + rs);
  const c = v128.load(src + 2 * rs);
  const d = v128.load(src + 3 * rs);
  const t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(c, d, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 32);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 64);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 96);
}

/** Loads the first `w` (0..4) floats at p into a vector (zeros after). */
function loadLanes(p: usize, w: i32): v128 {
  if (w >= 4) return v128.load(p);
  let v = f32x4.splat(0);
  if (w > 0) v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (w > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (w > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores the first `w` (0..4) lanes of v at p. */
function storeLanes(p: usize, v: v128, w: i32): void {
  if (w >= 4) { v128.store(p, v); return; }
  if (w > 0) store<f32>(p, f32x4.extract_lane(v, 0));
  if (w > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (w > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/**
 * Finishes one 8-wide row of the tile at c (w valid columns): adds what earlier K passes left there (acc), then on
 * the last pass the bias and the activation (act 1 = ReLU).
 */
function storeRow(c: usize, lo: v128, hi: v128, w: i32, acc: bool, last: bool, bl: v128, bh: v128, act: i32): void {
  if (acc) {
    lo = f32x4.add(lo, loadLanes(c, w));
    hi = f32x4.add(hi, loadLanes(c + 16, w - 4));
  }
  if (last) {
    lo = f32x4.add(lo, bl);
    hi = f32x4.add(hi, bh);
    if (act == 1) {
      lo = f32x4.max(lo, f32x4.splat(0));
      hi = f32x4.max(hi, f32x4.splat(0));
    }
  }
  storeLanes(c, lo, w);
  storeLanes(c + 16, hi, w - 4);
}

/**
 * Packs `rows` (≤ 4) rows of A from row i, k [k0, k0 + kc), into a 4-row panel at dst: for each k, the 4 rows side by
 * side (zeros for missing rows), so the tile reads one pointer with fixed offsets.
 */
function packA(a: usize, dst: usize, i: i32, rows: i32, k0: i32, kc: i32, rsA: i32, csA: i32): void {
  let k = 0;
  if (rows == MR && rsA == 1) {
    // A is transposed (the weight gradient dyᵀ·x): the panel's 4 rows already sit side by side at each k.
    let src = a + (<usize>(i + k0 * csA) << 2);
    const step = <usize>csA << 2;
    for (; k < kc; k++) {
      v128.store(dst, v128.load(src));
      src += step;
      dst += 16;
    }
  }
  for (; k < kc; k++) {
    for (let r = 0; r < MR; r++) {
      const v: f32 = r < rows ? load<f32>(a + (<usize>((i + r) * rsA + (k0 + k) * csA) << 2)) : 0;
      store<f32>(dst + (<usize>r << 2), v);
    }
    dst += 16;
  }
}

/**
 * Adds what earlier K passes left in the 4×8 tile at c (row stride ldc bytes; `rows` and `w` valid rows and columns),
 * then on the last pass the bias (loaded only now: vectors live across the tile's loop would take registers the
 * accumulators need) and the activation, and stores it.
 */
function finish(c: usize, ldc: usize, rows: i32, w: i32, acc: bool, last: bool, bias: usize, act: i32,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128): void {
  const bl = last && bias != 0 ? loadLanes(bias, w) : f32x4.splat(0);
  const bh = last && bias != 0 ? loadLanes(bias + 16, w - 4) : f32x4.splat(0);
  storeRow(c, c00, c01, w, acc, last, bl, bh, act);
  if (rows > 1) storeRow(c + ldc, c10, c11, w, acc, last, bl, bh, act);
  if (rows > 2) storeRow(c + 2 * ldc, c20, c21, w, acc, last, bl, bh, act);
  if (rows > 3) storeRow(c + 3 * ldc, c30, c31, w, acc, last, bl, bh, act);
}

/** One 4×8 tile from a packed A panel (pa) and a packed B panel (pb) of kc values of k; stored by finish(). */
function tilePacked(pa: usize, pb: usize, kc: i32, c: usize, ldc: usize, rows: i32, w: i32, acc: bool, last: bool, bias: usize, act: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(pa);
    const a1 = v128.load32_splat(pa, 4);
    const a2 = v128.load32_splat(pa, 8);
    const a3 = v128.load32_splat(pa, 12);
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
    pa += 16;
    pb += 32;
  }
  finish(c, ldc, rows, w, acc, last, bias, act, c00, c01, c10, c11, c20, c21, c30, c31);
}

/**
 * One full 4×8 tile reading row-major A in place (rows at p0, p0 + rs, …; 4 bytes per k): no packing, and in the
 * interleaved A/B 5–10% faster than the packed form on x·Wᵀ. Stored by finish().
 */
function tileRows(p0: usize, rs: usize, pb: usize, kc: i32, c: usize, ldc: usize, w: i32, acc: bool, last: bool, bias: usize, act: i32): void {
  let p1 = p0 + rs;
  let p2 = p1 + rs;
  let p3 = p2 + rs;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(p0);
    const a1 = v128.load32_splat(p1);
    const a2 = v128.load32_splat(p2);
    const a3 = v128.load32_splat(p3);
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
    p0 += 4; p1 += 4; p2 += 4; p3 += 4;
    pb += 32;
  }
  finish(c, ldc, 4, w, acc, last, bias, act, c00, c01, c10, c11, c20, c21, c30, c31);
}

/**
 * C[M, N] = A[M, K] · B[K, N] (+ bias[N]) (then ReLU if act == 1); row-major C with row stride ldc floats (0: N, so a
 * thread can write a block of C's columns in place). A's element (i, k) is at a + (i·rsA + k·csA)·4 and B's (k, j) at
 * b + (k·rsB + j·csB)·4, so strides express the transposes. bias: 0 for none. pack: scratch of 8·min(K, 512) +
 * min(⌈M/4⌉·4·min(K, 512), 65536) floats (threaded.ts: gemmScratchFloats). K is cut into equal passes of at most KC,
 * M into blocks of packed A (A_BLOCK floats); within a block each 8-column panel of B is packed once and swept by
 * 4×8 register tiles.
 */
export function gemm(
  a: usize, b: usize, c: usize, M: i32, N: i32, K: i32,
  rsA: i32, csA: i32, rsB: i32, csB: i32, bias: usize, act: i32, pack: usize, ldc: i32,
): void {
  const rowBytes = <usize>(ldc > 0 ? ldc : N) << 2;
  if (K == 0) {
    // Nothing to sum: C is the bias (or zeros), activated.
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let v: f32 = bias != 0 ? load<f32>(bias + (<usize>j << 2)) : 0;
        if (act == 1) v = max(v, 0);
        store<f32>(c + <usize>i * rowBytes + (<usize>j << 2), v);
      }
    }
    return;
  }
  const passes = (K + KC - 1) / KC;
  const kcMax = (K + passes - 1) / passes;
  const bp = pack;
  const ap = pack + (<usize>kcMax << 5);
  for (let k0 = 0; k0 < K; k0 += kcMax) {
    const kc = min(kcMax, K - k0);
    const acc = k0 > 0;
    const last = k0 + kc >= K;
    const mcMax = max(MR, A_BLOCK / kc / MR * MR);
    for (let i0 = 0; i0 < M; i0 += mcMax) {
      const mc = min(mcMax, M - i0);
      // Row-major A is read in place but for a last partial panel; any other A is packed, panel by panel.
      const rowMajor = csA == 1;
      for (let p = rowMajor ? mc & ~3 : 0; p < mc; p += MR) {
        packA(a, ap + (<usize>(p * kc) << 2), i0 + p, min(MR, mc - p), k0, kc, rsA, csA);
      }
      for (let j0 = 0; j0 < N; j0 += 8) {
        const w = min(8, N - j0);
        packPanel(b, bp, k0, kc, N, j0, rsB, csB);
        const bj = bias != 0 ? bias + (<usize>j0 << 2) : 0;
        const cj = c + <usize>i0 * rowBytes + (<usize>j0 << 2);
        for (let p = 0; p < mc; p += MR) {
          const cp = cj + <usize>p * rowBytes;
          if (rowMajor && p + MR <= mc) {
            const pa = a + (<usize>((i0 + p) * rsA + k0) << 2);
            tileRows(pa, <usize>rsA << 2, bp, kc, cp, rowBytes, w, acc, last, bj, act);
          } else {
            tilePacked(ap + (<usize>(p * kc) << 2), bp, kc, cp, rowBytes, min(MR, mc - p), w, acc, last, bj, act);
          }
        }
      }
    }
  }
}
