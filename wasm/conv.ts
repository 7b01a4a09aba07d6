// NHWC im2col and its adjoint col2im: the convolution's forward and input gradient become GEMMs (wasm/gemm.ts).
// Part of the fastcpu SIMD module (entry: wasm/kernels.ts). Pointers are byte offsets into the imported memory.

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
