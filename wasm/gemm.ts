// GEMM with any transposes (as strides) and fused bias + ReLU: f32x4 4×8 register tiles over packed 8-column panels.
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

/** Rows of K taken per pass, so a packed B panel (8·KC floats) stays in L1 and A's slice in L2. */
const KC = 256;

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
 * C[M, N] = A[M, K] · B[K, N] (+ bias[N]) (then ReLU if act == 1); row-major C. A's element (i, k) is at
 * a + (i·rsA + k·csA)·4 and B's (k, j) at b + (k·rsB + j·csB)·4, so strides express the transposes.
 * pack: scratch of 8·min(K, 256) floats. bias: 0 for none. 4×8 register tiles over packed 8-column panels of B.
 */
export function gemm(
  a: usize, b: usize, c: usize, M: i32, N: i32, K: i32,
  rsA: i32, csA: i32, rsB: i32, csB: i32, bias: usize, act: i32, pack: usize,
): void {
  const stepA = <usize>csA << 2;
  const rowBytes = <usize>N << 2;
  if (K == 0) {
    // Nothing to sum: C is the bias (or zeros), activated.
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let v: f32 = bias != 0 ? load<f32>(bias + (<usize>j << 2)) : 0;
        if (act == 1) v = max(v, 0);
        store<f32>(c + (<usize>(i * N + j) << 2), v);
      }
    }
    return;
  }
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    const acc = k0 > 0;
    const last = k0 + kc >= K;
    for (let j0 = 0; j0 < N; j0 += 8) {
      const w = min(8, N - j0);
      packPanel(b, pack, k0, kc, N, j0, rsB, csB);
      const bl = bias != 0 && last ? loadLanes(bias + (<usize>j0 << 2), w) : f32x4.splat(0);
      const bh = bias != 0 && last ? loadLanes(bias + (<usize>(j0 + 4) << 2), w - 4) : f32x4.splat(0);
      const aK = <usize>k0 * stepA;
      let i = 0;
      for (; i + 4 <= M; i += 4) {
        let p0 = a + (<usize>(i * rsA) << 2) + aK;
        let p1 = p0 + (<usize>rsA << 2);
        let p2 = p1 + (<usize>rsA << 2);
        let p3 = p2 + (<usize>rsA << 2);
        let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
        let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
        let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
        let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
        let bp = pack;
        const end = pack + (<usize>kc << 5);
        while (bp < end) {
          const b0 = v128.load(bp);
          const b1 = v128.load(bp, 16);
          const a0 = v128.load32_splat(p0);
          const a1 = v128.load32_splat(p1);
          const a2 = v128.load32_splat(p2);
          const a3 = v128.load32_splat(p3);
          c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
          c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
          c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
          c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
          p0 += stepA; p1 += stepA; p2 += stepA; p3 += stepA;
          bp += 32;
        }
        const cr = c + (<usize>(i * N + j0) << 2);
        storeRow(cr, c00, c01, w, acc, last, bl, bh, act);
        storeRow(cr + rowBytes, c10, c11, w, acc, last, bl, bh, act);
        storeRow(cr + 2 * rowBytes, c20, c21, w, acc, last, bl, bh, act);
        storeRow(cr + 3 * rowBytes, c30, c31, w, acc, last, bl, bh, act);
      }
      for (; i < M; i++) {
        let p0 = a + (<usize>(i * rsA) << 2) + aK;
        let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
        let bp = pack;
        const end = pack + (<usize>kc << 5);
        while (bp < end) {
          const a0 = v128.load32_splat(p0);
          c00 = madd(a0, v128.load(bp), c00);
          c01 = madd(a0, v128.load(bp, 16), c01);
          p0 += stepA;
          bp += 32;
        }
        storeRow(c + (<usize>(i * N + j0) << 2), c00, c01, w, acc, last, bl, bh, act);
      }
    }
  }
}
