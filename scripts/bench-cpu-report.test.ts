// The bench's CPU section: equal-thread comparisons with PyTorch, jax-js beside fastcpu, sgemm ceilings, goals.
import { describe, expect, it } from "vitest";
import type { BackendRun, Measurement } from "../bench/protocol";
import { cpuSection } from "./bench-cpu-report";
import { renderMarkdown, type BenchResults } from "./bench-report";

const timing = (ms: number) => ({ samplesMs: [ms, ms, ms], steps: 4 });
const m = (impl: Measurement["impl"], phase: Measurement["phase"], ms: number): Measurement => ({ impl, model: "mlp", batch: 64, phase, timing: timing(ms) });

const fastcpu: BackendRun = {
  requested: "fastcpu", backend: "fastcpu", threads: 2, kernels: "relaxed",
  measurements: [m("ours", "train", 0.5), m("ours", "infer", 0.2), m("layers", "train", 2), m("layers", "infer", 0.25), m("jaxjs", "train", 1), m("jaxjs", "infer", 0.1)],
  // 2·64·784·256 = 25.7 MFLOP in 0.5 ms: 51.4 GFLOP/s
  sgemm: [{ m: 64, k: 784, n: 256, threads: 2, timing: timing(0.5) }],
};
const fastcpu1: BackendRun = {
  requested: "fastcpu1", backend: "fastcpu1", threads: 1, kernels: "relaxed",
  measurements: [m("ours", "train", 0.8), m("ours", "infer", 0.3)],
  sgemm: [{ m: 64, k: 784, n: 256, threads: 1, timing: timing(1) }],
};
const results: BenchResults = {
  date: "2026-12-07T00:00:00.000Z",
  machine: { cpu: "CPU", cores: 2, chromium: "1", node: "20" },
  options: { backends: ["fastcpu", "fastcpu1"], models: ["mlp"], batches: [64], quick: true },
  durationSec: 1,
  backends: [fastcpu, fastcpu1],
  peers: { jaxjs: "0.1.25" },
  torch: {
    version: "1.13", defaultThreads: 2, blas: "OpenBLAS 0.3.21 (/x/libopenblasp.so)",
    runs: [
      { threads: 1, model: "mlp", batch: 64, phase: "train", timing: timing(0.6) },
      { threads: 1, model: "mlp", batch: 64, phase: "infer", timing: timing(0.3) },
      { threads: 2, model: "mlp", batch: 64, phase: "train", timing: timing(0.4) },
      { threads: 2, model: "mlp", batch: 64, phase: "infer", timing: timing(0.1) },
    ],
    sgemm: [{ m: 64, k: 784, n: 256, threads: 1, timing: timing(0.25) }, { m: 64, k: 784, n: 256, threads: 2, timing: timing(0.2) }],
  },
};

describe("CPU section", () => {
  const md = cpuSection(results).join("\n");

  it("puts fastcpu beside PyTorch at 1 thread and at fastcpu's thread count, and beside jax-js", () => {
    expect(md).toContain("OpenBLAS 0.3.21 (/x/libopenblasp.so); jax-js 0.1.25 on its wasm backend");
    expect(md).toContain("| model | batch | phase | fastcpu 1T | PyTorch 1T | ÷ | fastcpu 2T | PyTorch 2T | ÷ | jax-js wasm | fastcpu 2T ÷ jax-js |");
    expect(md).toContain("| mlp | 64 | train | 0.800 | 0.600 | 1.33× | 0.500 | 0.400 | 1.25× | 1.00 | 0.50× |");
    expect(md).toContain("| mlp | 64 | infer | 0.300 | 0.300 | 1.00× | 0.200 | 0.100 | 2.00× | 0.100 | 2.00× |");
  });

  it("prints the sgemm ceilings next to native", () => {
    expect(md).toContain("| 64×784×256 | 25.7 | 102.8 | 51.4 | 128.5 |");
  });

  it("checks the goals with the measured worst case", () => {
    expect(md).toContain("| fastcpu training ≤ 1.0× PyTorch at 2 threads | worst 1.25× (mlp b64) | **FAIL** |");
    expect(md).toContain("| fastcpu faster than jax-js (wasm vs wasm, same worker) | worst 2.00× (mlp b64 infer) | **FAIL** |");
    expect(md).toContain("| fastcpu inference ≥ tfjs Layers (XNNPACK) on every model and batch | worst 0.80× (mlp b64) | pass |");
    expect(md).toContain("| softmax training ≤ 0.15 ms/step at batch 64 (fastcpu) | not measured in this run | – |");
  });

  it("the main tables divide by PyTorch at the row's own thread count", () => {
    const all = renderMarkdown(results);
    expect(all).toContain("| mlp | 64 | fastcpu | 0.500 (0.500–0.500) | 128k | 0.5 s | 2.00 (2.00–2.00) | 32k | 1.9 s | 0.25× | 1.25× |");
    expect(all).toContain("| mlp | 64 | fastcpu1 | 0.800 (0.800–0.800) | 80k | 0.8 s | – | – | – | – | 1.33× |");
    expect(all).toContain("BLAS: OpenBLAS 0.3.21");
  });

  it("is empty without a fastcpu run", () => {
    expect(cpuSection({ ...results, backends: [] })).toEqual([]);
  });
});
