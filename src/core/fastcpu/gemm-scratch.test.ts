// wasm/gemm.ts called directly on its own memory: the scratch gemmScratchFloats() promises is enough (the guard after
// it stays untouched), C's row stride (ldc) writes a block of columns and nothing beside it, against a plain JS GEMM.
import { describe, expect, it } from "vitest";
import { gemmScratchFloats } from "./threaded";
import { forceKernelVariant, kernelModuleBytes } from "./variant";

type Gemm = (...args: number[]) => void;

function gemmOn(memory: WebAssembly.Memory): Gemm {
  forceKernelVariant("simd");
  try {
    const module = new WebAssembly.Module(kernelModuleBytes("plain") as BufferSource);
    return (new WebAssembly.Instance(module, { env: { memory } }).exports as { gemm: Gemm }).gemm;
  } finally {
    forceKernelVariant(null);
  }
}

const GUARD = 4096;
const SENTINEL = -12345.5;

/** [M, K, N, ta, tb]: partial 4-row panels, A packed (ta) and in place, K in 1–3 passes, M in 1–2 blocks. */
const CASES: [number, number, number, boolean, boolean][] = [
  [1, 1, 1, false, false], [7, 13, 9, true, false], [13, 600, 17, false, true], [383, 520, 9, true, true],
  [300, 1030, 5, false, false], [4, 64, 24, true, true], [130, 513, 3, true, false],
];

describe("wasm gemm, called directly", () => {
  it("stays inside the scratch gemmScratchFloats gives it, and writes only its block of C (ldc)", () => {
    const memory = new WebAssembly.Memory({ initial: 1024 });
    const gemm = gemmOn(memory);
    for (const [M, K, N, ta, tb] of CASES) {
      const ldc = N + 3; // C's block sits in a wider matrix: the 3 columns to its right must stay untouched
      const sizes = [M * K, K * N, M * ldc, gemmScratchFloats(M, K) + GUARD];
      const at: number[] = [];
      let top = 64;
      for (const n of sizes) {
        at.push(top);
        top += Math.ceil((n * 4) / 64) * 64 + 64;
      }
      const [pa, pb, pc, pack] = at;
      const f = new Float32Array(memory.buffer);
      for (let i = 0; i < M * K; i++) f[pa / 4 + i] = Math.sin(i * 0.37);
      for (let i = 0; i < K * N; i++) f[pb / 4 + i] = Math.cos(i * 0.11);
      f.fill(SENTINEL, pc / 4, pc / 4 + M * ldc);
      f.fill(SENTINEL, pack / 4, pack / 4 + sizes[3]);
      gemm(pa, pb, pc, M, N, K, ta ? 1 : K, ta ? M : 1, tb ? 1 : N, tb ? K : 1, 0, 0, pack, ldc);
      const guard = f.subarray(pack / 4 + gemmScratchFloats(M, K), pack / 4 + sizes[3]);
      expect(guard.every((v) => v === SENTINEL), `${M}×${K}×${N} ta=${ta} tb=${tb}: wrote past its scratch`).toBe(true);
      const A = (i: number, k: number) => f[pa / 4 + (ta ? k * M + i : i * K + k)];
      const B = (k: number, j: number) => f[pb / 4 + (tb ? j * K + k : k * N + j)];
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < ldc; j++) {
          const got = f[pc / 4 + i * ldc + j];
          if (j >= N) {
            expect(got, `${M}×${K}×${N}: wrote outside its columns`).toBe(SENTINEL);
            continue;
          }
          let want = 0;
          for (let k = 0; k < K; k++) want += A(i, k) * B(k, j);
          expect(Math.abs(got - want), `${M}×${K}×${N} ta=${ta} tb=${tb} C[${i}, ${j}]`).toBeLessThan(1e-3 * Math.max(1, Math.abs(want)));
        }
      }
    }
  });
});
