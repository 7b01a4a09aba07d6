// AssemblyScript SIMD kernels for the fastcpu backend: GEMM (any transposes, fused bias+ReLU), im2col/col2im, max-pool grad.
// Built by scripts/build-wasm.mjs into src/core/fastcpu/kernels-wasm.ts. The module imports tfjs-wasm's memory and
// owns no static data, so every pointer below is a byte offset into tfjs-wasm's heap (zero-copy on its tensors).

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
          c00 = f32x4.add(c00, f32x4.mul(a0, b0)); c01 = f32x4.add(c01, f32x4.mul(a0, b1));
          c10 = f32x4.add(c10, f32x4.mul(a1, b0)); c11 = f32x4.add(c11, f32x4.mul(a1, b1));
          c20 = f32x4.add(c20, f32x4.mul(a2, b0)); c21 = f32x4.add(c21, f32x4.mul(a2, b1));
          c30 = f32x4.add(c30, f32x4.mul(a3, b0)); c31 = f32x4.add(c31, f32x4.mul(a3, b1));
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
          c00 = f32x4.add(c00, f32x4.mul(a0, v128.load(bp)));
          c01 = f32x4.add(c01, f32x4.mul(a0, v128.load(bp, 16)));
          p0 += stepA;
          bp += 32;
        }
        storeRow(c + (<usize>(i * N + j0) << 2), c00, c01, w, acc, last, bl, bh, act);
      }
    }
  }
}

/** Copies n floats from src to dst (short runs: a plain loop beats memory.copy's call). */
// @ts-ignore: decorator
@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

/**
 * NHWC im2col: cols[(n·P + p)·Q + q, (i·kw + j)·C + ch] = x[n, p·sh − pt + i·dh, q·sw − pl + j·dw, ch] (0 outside).
 */
export function im2col(
  x: usize, cols: usize, N: i32, H: i32, W: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32, P: i32, Q: i32,
): void {
  const cBytes = <usize>C << 2;
  let dst = cols;
  for (let n = 0; n < N; n++) {
    for (let p = 0; p < P; p++) {
      for (let q = 0; q < Q; q++) {
        const iw0 = q * sw - pl;
        // With dw = 1 and the whole row of taps inside x, each kernel row is one contiguous run of kw·C floats.
        const runs = dw == 1 && iw0 >= 0 && iw0 + kw <= W;
        for (let i = 0; i < kh; i++) {
          const ih = p * sh - pt + i * dh;
          if (runs && ih >= 0 && ih < H) {
            copyFloats(dst, x + (<usize>(((n * H + ih) * W + iw0) * C) << 2), kw * C);
            dst += <usize>kw * cBytes;
            continue;
          }
          for (let j = 0; j < kw; j++) {
            const iw = iw0 + j * dw;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
              memory.fill(dst, 0, cBytes);
            } else {
              copyFloats(dst, x + (<usize>(((n * H + ih) * W + iw) * C) << 2), C);
            }
            dst += cBytes;
          }
        }
      }
    }
  }
}

/** The adjoint of im2col: dx (zeroed here first) += every column entry at its input position. */
export function col2im(
  cols: usize, dx: usize, N: i32, H: i32, W: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32, P: i32, Q: i32,
): void {
  memory.fill(dx, 0, <usize>(N * H * W * C) << 2);
  let src = cols;
  const cBytes = <usize>C << 2;
  for (let n = 0; n < N; n++) {
    for (let p = 0; p < P; p++) {
      for (let q = 0; q < Q; q++) {
        for (let i = 0; i < kh; i++) {
          const ih = p * sh - pt + i * dh;
          for (let j = 0; j < kw; j++) {
            const iw = q * sw - pl + j * dw;
            if (ih >= 0 && ih < H && iw >= 0 && iw < W) {
              const d = dx + (<usize>(((n * H + ih) * W + iw) * C) << 2);
              let ch = 0;
              for (; ch + 4 <= C; ch += 4) {
                const o = <usize>ch << 2;
                v128.store(d + o, f32x4.add(v128.load(d + o), v128.load(src + o)));
              }
              for (; ch < C; ch++) {
                const o = <usize>ch << 2;
                store<f32>(d + o, load<f32>(d + o) + load<f32>(src + o));
              }
            }
            src += cBytes;
          }
        }
      }
    }
  }
}

/**
 * Max-pool gradient, NHWC: each dy[n, p, q, c] goes to the first maximum of its window in x (dx zeroed first).
 * Window (p, q) covers rows p·sh − pt .. + kh and columns q·sw − pl .. + kw; positions outside x are skipped.
 */
export function maxPoolGrad(
  x: usize, dy: usize, dx: usize, N: i32, H: i32, W: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, pt: i32, pl: i32, P: i32, Q: i32,
): void {
  memory.fill(dx, 0, <usize>(N * H * W * C) << 2);
  if (C == 1) {
    if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0) maxPoolGrad2x2(x, dy, dx, N, H, W, P, Q);
    else maxPoolGrad1(x, dy, dx, N, H, W, kh, kw, sh, sw, pt, pl, P, Q);
    return;
  }
  for (let n = 0; n < N; n++) {
    for (let p = 0; p < P; p++) {
      const h0 = max(0, p * sh - pt);
      const h1 = min(H, p * sh - pt + kh);
      for (let q = 0; q < Q; q++) {
        const w0 = max(0, q * sw - pl);
        const w1 = min(W, q * sw - pl + kw);
        for (let ch = 0; ch < C; ch++) {
          let best: f32 = -Infinity;
          let at = -1;
          for (let ih = h0; ih < h1; ih++) {
            for (let iw = w0; iw < w1; iw++) {
              const idx = ((n * H + ih) * W + iw) * C + ch;
              const v = load<f32>(x + (<usize>idx << 2));
              // NaN wins, like PyTorch's max-pool.
              if (v > best || (v != v && best == best) || at < 0) { best = v; at = idx; }
            }
          }
          if (at >= 0) {
            const g = dy + (<usize>(((n * P + p) * Q + q) * C + ch) << 2);
            const d = dx + (<usize>at << 2);
            store<f32>(d, load<f32>(d) + load<f32>(g));
          }
        }
      }
    }
  }
}

/** maxPoolGrad for one channel (NCHW images seen as N·C single-channel ones): row pointers, no channel stride. */
function maxPoolGrad1(
  x: usize, dy: usize, dx: usize, N: i32, H: i32, W: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, pt: i32, pl: i32, P: i32, Q: i32,
): void {
  const plane = <usize>(H * W) << 2;
  let g = dy;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>n * plane;
    const dn = dx + <usize>n * plane;
    for (let p = 0; p < P; p++) {
      const h0 = max(0, p * sh - pt);
      const h1 = min(H, p * sh - pt + kh);
      for (let q = 0; q < Q; q++) {
        const w0 = max(0, q * sw - pl);
        const w1 = min(W, q * sw - pl + kw);
        let best: f32 = -Infinity;
        let at: usize = 0;
        let found = false;
        for (let ih = h0; ih < h1; ih++) {
          const row = <usize>(ih * W) << 2;
          for (let iw = w0; iw < w1; iw++) {
            const o = row + (<usize>iw << 2);
            const v = load<f32>(xn + o);
            // NaN wins, like PyTorch's max-pool.
            if (v > best || !found || (v != v && best == best)) { best = v; at = o; found = true; }
          }
        }
        if (found) store<f32>(dn + at, load<f32>(dn + at) + load<f32>(g));
        g += 4;
      }
    }
  }
}

/** v wins over best: greater, or NaN over a number (PyTorch's max-pool propagates NaN). */
// @ts-ignore: decorator
@inline function wins(v: v128, best: v128): v128 {
  return v128.or(f32x4.gt(v, best), v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best)));
}

/**
 * The LeNet case, 2×2 windows with stride 2 on one channel: 4 outputs per step in SIMD. Windows do not overlap, so
 * each input gets either its window's gradient or 0 and dx is written, not accumulated (dx is zeroed already).
 */
function maxPoolGrad2x2(x: usize, dy: usize, dx: usize, N: i32, H: i32, W: i32, P: i32, Q: i32): void {
  const plane = <usize>(H * W) << 2;
  for (let n = 0; n < N; n++) {
    for (let p = 0; p < P; p++) {
      const r0 = <usize>n * plane + (<usize>(2 * p * W) << 2);
      const r1 = r0 + (<usize>W << 2);
      const g0 = dy + (<usize>((n * P + p) * Q) << 2);
      let q = 0;
      for (; q + 4 <= Q; q += 4) {
        const o = <usize>(2 * q) << 2;
        const t0 = v128.load(x + r0 + o);
        const t1 = v128.load(x + r0 + o, 16);
        const u0 = v128.load(x + r1 + o);
        const u1 = v128.load(x + r1 + o, 16);
        // Window taps in PyTorch's order: a = top-left, b = top-right, c = bottom-left, d = bottom-right.
        const a = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
        const b = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
        const c = v128.shuffle<f32>(u0, u1, 0, 2, 4, 6);
        const d = v128.shuffle<f32>(u0, u1, 1, 3, 5, 7);
        let best = a;
        const wb = wins(b, best);
        best = v128.bitselect(b, best, wb);
        const wc = wins(c, best);
        best = v128.bitselect(c, best, wc);
        const wd = wins(d, best);
        // Each tap keeps the gradient only if it won and no later tap beat it.
        const sd = wd;
        const sc = v128.andnot(wc, wd);
        const sb = v128.andnot(v128.andnot(wb, wc), wd);
        const sa = v128.not(v128.or(v128.or(wb, wc), wd));
        const g = v128.load(g0 + (<usize>q << 2));
        const ga = v128.and(g, sa);
        const gb = v128.and(g, sb);
        const gc = v128.and(g, sc);
        const gd = v128.and(g, sd);
        v128.store(dx + r0 + o, v128.shuffle<f32>(ga, gb, 0, 4, 1, 5));
        v128.store(dx + r0 + o, v128.shuffle<f32>(ga, gb, 2, 6, 3, 7), 16);
        v128.store(dx + r1 + o, v128.shuffle<f32>(gc, gd, 0, 4, 1, 5));
        v128.store(dx + r1 + o, v128.shuffle<f32>(gc, gd, 2, 6, 3, 7), 16);
      }
      for (; q < Q; q++) {
        const o = <usize>(2 * q) << 2;
        let best = load<f32>(x + r0 + o);
        let at = r0 + o;
        let v = load<f32>(x + r0 + o + 4);
        if (v > best || (v != v && best == best)) { best = v; at = r0 + o + 4; }
        v = load<f32>(x + r1 + o);
        if (v > best || (v != v && best == best)) { best = v; at = r1 + o; }
        v = load<f32>(x + r1 + o + 4);
        if (v > best || (v != v && best == best)) { best = v; at = r1 + o + 4; }
        store<f32>(dx + at, load<f32>(g0 + (<usize>q << 2)));
      }
    }
  }
}
