// Max-pool gradient, NHWC, routed to the first maximum of each window (PyTorch's rule).
// Part of the fastcpu SIMD module (entry: wasm/kernels.ts). Pointers are byte offsets into the imported memory.

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
