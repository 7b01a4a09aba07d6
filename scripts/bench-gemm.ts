// The GEMM micro-bench (issue 18): our wasm sgemm alone, a baseline build (from git) and today's build interleaved in
// one process, on the MLP step's shapes and the bench's ceiling shapes; then tf.matMul and the MLP training step on
// fastcpu at 1 and 2 threads with what the pool's copies cost. `node scripts/bench-gemm.mjs [--baseline REV]
// [--rounds N] [--variant relaxed|simd] [--no-threads | --mlp-only]`.
import { execFileSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { scope, tf, type Tensor } from "../src/core";
import { base64Bytes, KERNELS_WASM_BASE64, KERNELS_WASM_RELAXED_BASE64 } from "../src/core/fastcpu/kernels-wasm";
import { spawnNodePoolWorker } from "../src/core/fastcpu/node-pool";
import { startThreadPool } from "../src/core/fastcpu/pool";
import { patchWasmTransposedMatMul, registerFastCpu } from "../src/core/fastcpu/register";
import { setFastCpuPool, setThreadThreshold, threadedCopyStats } from "../src/core/fastcpu/threaded";
import { forceKernelVariant } from "../src/core/fastcpu/variant";
import { nn, optim, torch } from "../src/kernel/worker/api";
import type { Module } from "../src/nn";

/** One GEMM: C[M, N] = op(A)·op(B) with A [K, M] when ta, B [N, K] when tb; act 1 adds a bias and ReLU. */
export interface GemmShape {
  name: string;
  M: number;
  K: number;
  N: number;
  ta: boolean;
  tb: boolean;
  act: 0 | 1;
}

const shape = (name: string, M: number, K: number, N: number, ta = false, tb = false, act: 0 | 1 = 0): GemmShape => ({ name, M, K, N, ta, tb, act });

/** The MLP step's GEMMs (784-256-128-64-10; nn.Linear computes x·Wᵀ, dW = dyᵀ·x, dx = dy·W) and the ceiling shapes. */
export const SHAPES: GemmShape[] = [
  shape("mlp b64 fwd1 x·W1ᵀ+b, relu", 64, 784, 256, false, true, 1),
  shape("mlp b64 fwd2 x·W2ᵀ", 64, 256, 128, false, true),
  shape("mlp b64 dW1 dyᵀ·x", 256, 64, 784, true, false),
  shape("mlp b64 dW2 dyᵀ·x", 128, 64, 256, true, false),
  shape("mlp b64 dx2 dy·W2", 64, 128, 256),
  shape("mlp b256 fwd1 x·W1ᵀ+b, relu", 256, 784, 256, false, true, 1),
  shape("mlp b256 dW1 dyᵀ·x", 256, 256, 784, true, false),
  shape("ceiling 64×784×256", 64, 784, 256),
  shape("ceiling 256×784×256", 256, 784, 256),
  shape("ceiling 512×512×512", 512, 512, 512),
];

type Gemm = (...args: number[]) => void;

/** A build's base64 modules as written in kernels-wasm.ts at git revision `rev`. */
function modulesAt(rev: string): { simd: string; relaxed: string } {
  const text = execFileSync("git", ["show", `${rev}:src/core/fastcpu/kernels-wasm.ts`], { encoding: "utf8", maxBuffer: 1 << 26 });
  const pick = (name: string): string => {
    const m = new RegExp(`export const ${name} =\\s*"([^"]+)"`).exec(text);
    if (!m) throw new Error(`bench-gemm: ${rev}'s kernels-wasm.ts has no ${name}`);
    return m[1];
  };
  return { simd: pick("KERNELS_WASM_BASE64"), relaxed: pick("KERNELS_WASM_RELAXED_BASE64") };
}

/** Deterministic values in [-1, 1). */
function fill(f: Float32Array, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < f.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    f[i] = s / 2 ** 31 - 1;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** GFLOP/s of an M×K×N GEMM taking `ms`. */
const gflops = (M: number, K: number, N: number, ms: number): string => ((2 * M * K * N) / ms / 1e6).toFixed(1);

/** Ms per call of `run`, `reps` calls in a block. */
function block(run: () => void, reps: number): number {
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) run();
  return (performance.now() - t0) / reps;
}

/** Times two gemm builds on every shape, alternating blocks; prints ms and GFLOP/s medians and the largest difference. */
function kernelAB(old: Gemm, now: Gemm, memory: WebAssembly.Memory, rounds: number, say: (s: string) => void): void {
  const floats = (n: number) => Math.ceil((n * 4 + 64) / 64) * 64;
  say("| shape | M×K×N | baseline ms | new ms | baseline GFLOP/s | new GFLOP/s | speed-up | best of each: GFLOP/s, speed-up | max |Δ| |");
  say("|---|---|---|---|---|---|---|---|---|");
  for (const s of SHAPES) {
    const { M, K, N } = s;
    const sizes = [M * K, K * N, M * N, M * N, N, 1 << 18];
    const need = sizes.reduce((t, n) => t + floats(n), 64);
    if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
    const ptrs: number[] = [];
    let top = 64;
    for (const n of sizes) {
      ptrs.push(top);
      top += floats(n);
    }
    const [pa, pb, pc1, pc2, pbias, pack] = ptrs;
    fill(new Float32Array(memory.buffer, pa, M * K), 1);
    fill(new Float32Array(memory.buffer, pb, K * N), 2);
    fill(new Float32Array(memory.buffer, pbias, N), 3);
    const args = (c: number) => [pa, pb, c, M, N, K, s.ta ? 1 : K, s.ta ? M : 1, s.tb ? 1 : N, s.tb ? K : 1, s.act ? pbias : 0, s.act, pack];
    const a1 = args(pc1);
    const a2 = args(pc2);
    const runOld = () => old(...a1);
    const runNew = () => now(...a2);
    runOld();
    runNew();
    const c1 = new Float32Array(memory.buffer, pc1, M * N);
    const c2 = new Float32Array(memory.buffer, pc2, M * N);
    let diff = 0;
    for (let i = 0; i < c1.length; i++) diff = Math.max(diff, Math.abs(c1[i] - c2[i]));
    // About 10 ms per block.
    const reps = Math.max(1, Math.round(10 / Math.max(0.01, block(runNew, 3))));
    const tOld: number[] = [];
    const tNew: number[] = [];
    for (let r = 0; r < rounds; r++) {
      tOld.push(block(runOld, reps));
      tNew.push(block(runNew, reps));
    }
    const [mo, mn] = [median(tOld), median(tNew)];
    const [bo, bn] = [Math.min(...tOld), Math.min(...tNew)];
    const best = `${gflops(M, K, N, bo)} → ${gflops(M, K, N, bn)}, ${(bo / bn).toFixed(2)}×`;
    say(`| ${s.name} | ${M}×${K}×${N} | ${mo.toFixed(3)} | ${mn.toFixed(3)} | ${gflops(M, K, N, mo)} | ${gflops(M, K, N, mn)} | ${(mo / mn).toFixed(2)}× | ${best} | ${diff.toExponential(1)} |`);
  }
}

/** Ms per call of `run` at one thread and on the pool (alternating blocks), with the pool's copies per call. */
function oneVsTwo(run: () => void, rounds: number): { m1: number; m2: number; b1: number; b2: number; copyMs: number; bytes: number; pooled: boolean } {
  /** One thread: a threshold no kernel reaches (setFastCpuPool(null) would close the pool). */
  const oneThread = (on: boolean) => setThreadThreshold(on ? Number.POSITIVE_INFINITY : null);
  oneThread(true);
  run();
  const reps = Math.max(1, Math.round(10 / Math.max(0.01, block(run, 3))));
  const t1: number[] = [];
  const t2: number[] = [];
  let copyMs = 0;
  let bytes = 0;
  let pooled = false;
  for (let r = 0; r < rounds; r++) {
    oneThread(true);
    t1.push(block(run, reps));
    oneThread(false);
    run();
    threadedCopyStats(true);
    t2.push(block(run, reps));
    const c = threadedCopyStats(true);
    copyMs += c.copyMs / reps;
    bytes = c.bytes / reps;
    pooled ||= c.totalMs > 0;
  }
  oneThread(false);
  return { m1: median(t1), m2: median(t2), b1: Math.min(...t1), b2: Math.min(...t2), copyMs: copyMs / rounds, bytes, pooled };
}

/** A table row's last four cells: 2T/1T speed-up, copy ms per call (and its share of the 1T time), bytes copied. */
function threadCells(r: ReturnType<typeof oneVsTwo>): string {
  const share = r.pooled ? `${r.copyMs.toFixed(3)} (${((100 * r.copyMs) / r.m1).toFixed(0)}%)` : "(one thread: under the threshold)";
  return `${(r.m1 / r.m2).toFixed(2)}× | ${share} | ${(r.bytes / 1024).toFixed(0)} KiB |`;
}

/** tf.matMul (fused for act 1) on every shape at 1 and 2 threads. */
function matMulTable(rounds: number, say: (s: string) => void): void {
  say("| shape | 1T ms | 2T ms | 1T GFLOP/s | 2T GFLOP/s | 2T/1T speed-up | copies per call: ms (% of 1T time) | bytes copied |");
  say("|---|---|---|---|---|---|---|---|");
  for (const s of SHAPES) {
    const { M, K, N } = s;
    const a = tf.randomUniform(s.ta ? [K, M] : [M, K], -1, 1, "float32", 1);
    const b = tf.randomUniform(s.tb ? [N, K] : [K, N], -1, 1, "float32", 2);
    const bias = tf.randomUniform([N], -1, 1, "float32", 3);
    const r = oneVsTwo(() => {
      const c = s.act ? tf.fused.matMul({ a, b, transposeA: s.ta, transposeB: s.tb, bias, activation: "relu" }) : tf.matMul(a, b, s.ta, s.tb);
      c.dispose();
    }, rounds);
    tf.dispose([a, b, bias]);
    say(`| ${s.name} | ${r.m1.toFixed(3)} | ${r.m2.toFixed(3)} | ${gflops(M, K, N, r.m1)} | ${gflops(M, K, N, r.m2)} | ${threadCells(r)}`);
  }
}

/** On fastcpu at 1 and 2 threads, with the pool's copies: tf.matMul on every shape (unless !matMuls), the MLP step. */
async function threadsTable(rounds: number, say: (s: string) => void, matMuls: boolean): Promise<void> {
  // Not initBackend(): it imports tfjs-wasm lazily, which Vite's module runner cannot (bench-gemm.mjs imports it first).
  patchWasmTransposedMatMul(tf);
  registerFastCpu(tf);
  if (!(await tf.setBackend("fastcpu"))) throw new Error("bench-gemm: the fastcpu backend did not start");
  const pool = await startThreadPool(2, spawnNodePoolWorker);
  setFastCpuPool(pool);
  say(`\nfastcpu (${pool.variant} build), 1 thread vs 2 (the kernel's thread + 1 worker).`);
  if (matMuls) matMulTable(rounds, say);
  say("\nMLP 784-256-128-64-10 training step (nn.Linear, CrossEntropyLoss, SGD):");
  say("| batch | 1T ms/step | 2T ms/step | best block 1T, 2T | 2T/1T speed-up | copies per step: ms (% of 1T time) | bytes copied |");
  say("|---|---|---|---|---|---|---|");
  for (const batch of [64, 256]) {
    const layers = [new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10)];
    const net = new nn.Sequential(...(layers as unknown as Module[]));
    const lossFn = new nn.CrossEntropyLoss();
    const opt = new optim.SGD(net.parameters(), { lr: 0.03 });
    const xs = new Float32Array(batch * 784);
    fill(xs, 4);
    const x = torch.fromTypedArray(xs, [batch, 784]).keep();
    const y = torch.fromTypedArray(Int32Array.from({ length: batch }, (_, i) => (i * 7) % 10), [batch], { dtype: torch.int64 }).keep();
    const r = oneVsTwo(() => scope(() => {
      opt.zeroGrad();
      (lossFn(net(x) as Tensor, y) as Tensor).backward();
      opt.step();
    }), rounds);
    say(`| ${batch} | ${r.m1.toFixed(3)} | ${r.m2.toFixed(3)} | ${r.b1.toFixed(3)}, ${r.b2.toFixed(3)} | ${threadCells(r)}`);
  }
  setFastCpuPool(null);
}

export async function main(argv: string[]): Promise<number> {
  const opt = (name: string, dflt: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
  };
  const rev = opt("--baseline", "HEAD");
  const rounds = Number(opt("--rounds", "15"));
  const variant = opt("--variant", "relaxed");
  if (variant !== "relaxed" && variant !== "simd") throw new Error(`--variant must be relaxed or simd, got ${variant}`);
  setFlagsFromString("--experimental-wasm-relaxed-simd"); // Node 20's V8 ships relaxed SIMD behind this flag
  const say = (s: string) => console.log(s);
  if (variant === "simd") forceKernelVariant("simd");
  if (argv.includes("--mlp-only")) {
    await threadsTable(rounds, say, false);
    return 0;
  }
  const base = modulesAt(rev);
  const memory = new WebAssembly.Memory({ initial: 256 });
  const inst = (b64: string) => (new WebAssembly.Instance(new WebAssembly.Module(base64Bytes(b64) as BufferSource), { env: { memory } }).exports as { gemm: Gemm }).gemm;
  const old = inst(variant === "relaxed" ? base.relaxed : base.simd);
  const now = inst(variant === "relaxed" ? KERNELS_WASM_RELAXED_BASE64 : KERNELS_WASM_BASE64);
  say(`sgemm, one thread, ${variant} build: baseline = ${rev}'s kernels-wasm.ts, new = the working tree's; ${rounds} alternating ~10 ms blocks: medians, and the best block of each`);
  kernelAB(old, now, memory, rounds, say);
  if (!argv.includes("--no-threads")) await threadsTable(rounds, say, true);
  return 0;
}
