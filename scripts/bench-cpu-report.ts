// The bench's CPU section: fastcpu beside PyTorch (named BLAS) at equal thread counts and beside jax-js (wasm vs wasm),
// the sgemm ceilings, and issue 18's speed goals, each pass/FAIL with the measured figure.
import type { BackendRun, Measurement, ModelName, Phase, SgemmRun, TorchRun } from "../bench/protocol";
import { fmtMs, fmtRatio, median, summarize, table } from "./bench-format";

/** Versions of the peers timed in the same run. */
export interface Peers {
  jaxjs?: string;
}

/** What this section reads from a run's results. */
export interface CpuInputs {
  options: { models: ModelName[]; batches: number[] };
  backends: BackendRun[];
  torch?: TorchRun;
  peers?: Peers;
}

const ms = (m: Measurement | undefined): number | undefined => (m?.timing && !m.error ? summarize(m.timing, m.batch).medianMs : undefined);

function find(run: BackendRun | undefined, impl: Measurement["impl"], model: ModelName, batch: number, phase: Phase): number | undefined {
  return ms(run?.measurements.find((m) => m.impl === impl && m.model === model && m.batch === batch && m.phase === phase));
}

/** PyTorch's median ms/step for a case at `threads`, when it ran at that count. */
export function torchMs(torch: TorchRun | undefined, model: ModelName, batch: number, phase: Phase, threads: number): number | undefined {
  const run = torch?.runs.find((x) => x.threads === threads && x.model === model && x.batch === batch && x.phase === phase);
  return run ? summarize(run.timing, batch).medianMs : undefined;
}

const cell = (v: number | undefined): string => (v === undefined ? "–" : fmtMs(v));
const ratio = (a: number | undefined, b: number | undefined): string => (a !== undefined && b !== undefined ? fmtRatio(a, b) : "–");

const ran = (r: CpuInputs, name: string): BackendRun | undefined => r.backends.find((b) => b.requested === name && b.backend === name);

/** fastcpu's thread count in this run (the thread count PyTorch is compared at). */
export const fastCpuThreadCount = (r: CpuInputs): number => ran(r, "fastcpu")?.threads ?? 1;

function gflops(s: SgemmRun | undefined): string {
  if (!s) return "–";
  return ((2 * s.m * s.k * s.n) / median(s.timing.samplesMs) / 1e6).toFixed(1);
}

/** A goal's line: pass/FAIL and the measured figure that decides it (or why it could not be checked). */
interface Goal {
  what: string;
  pass: boolean | null;
  measured: string;
}

/** [what, ours ms, theirs ms]. */
type Case = [string, number | undefined, number | undefined];

function goals(r: CpuInputs, n: number): Goal[] {
  const fast = ran(r, "fastcpu");
  const one = ran(r, "fastcpu1");
  const out: Goal[] = [];
  /** The case with the largest ratio ours ÷ theirs, or null when no case has both figures. */
  const worst = (xs: Case[]): [number, string] | null => {
    const seen = xs.filter((x): x is [string, number, number] => x[1] !== undefined && x[2] !== undefined).map(([w, a, b]) => [a / b, w] as [number, string]);
    return seen.length ? seen.reduce((m, x) => (x[0] > m[0] ? x : m)) : null;
  };
  const add = (what: string, cases: Case[]) => {
    const w = worst(cases);
    if (!w) out.push({ what, pass: null, measured: "not measured in this run" });
    else out.push({ what, pass: w[0] <= 1, measured: `worst ${w[0].toFixed(2)}× (${w[1]})` });
  };
  const cases = (run: BackendRun | undefined, threads: number, phases: Phase[] = ["train"]) =>
    r.options.models.flatMap((m) => r.options.batches.flatMap((b) => phases.map((p) => [`${m} b${b}${phases.length > 1 ? ` ${p}` : ""}`, find(run, "ours", m, b, p), torchMs(r.torch, m, b, p, threads)] as Case)));
  add(`fastcpu training ≤ 1.0× PyTorch at ${n} threads`, cases(fast, n));
  add("fastcpu1 training ≤ 1.0× PyTorch at 1 thread", cases(one, 1));
  const vsJax: Case[] = r.options.models.flatMap((m) => r.options.batches.flatMap((b) =>
    (["train", "infer"] as const).map((p) => [`${m} b${b} ${p}`, find(fast, "ours", m, b, p), find(fast, "jaxjs", m, b, p)] as Case)));
  add("fastcpu faster than jax-js (wasm vs wasm, same worker)", vsJax);
  const vsLayers: Case[] = r.options.models.flatMap((m) => r.options.batches.map((b) =>
    [`${m} b${b}`, find(fast, "ours", m, b, "infer"), find(fast, "layers", m, b, "infer")] as Case));
  add("fastcpu inference ≥ tfjs Layers (XNNPACK) on every model and batch", vsLayers);
  const soft = find(fast, "ours", "softmax", 64, "train");
  out.push({ what: "softmax training ≤ 0.15 ms/step at batch 64 (fastcpu)", pass: soft === undefined ? null : soft <= 0.15, measured: soft === undefined ? "not measured in this run" : `${fmtMs(soft)} ms` });
  return out;
}

/** The CPU section's Markdown lines (empty when neither fastcpu run happened). */
export function cpuSection(r: CpuInputs): string[] {
  const fast = ran(r, "fastcpu");
  const one = ran(r, "fastcpu1");
  if (!fast && !one) return [];
  const n = fastCpuThreadCount(r);
  const rows: string[][] = [];
  for (const model of r.options.models) {
    for (const batch of r.options.batches) {
      for (const phase of ["train", "infer"] as const) {
        const [o1, t1, on, tn, j] = [find(one, "ours", model, batch, phase), torchMs(r.torch, model, batch, phase, 1), find(fast, "ours", model, batch, phase), torchMs(r.torch, model, batch, phase, n), find(fast, "jaxjs", model, batch, phase)];
        rows.push([model, String(batch), phase, cell(o1), cell(t1), ratio(o1, t1), cell(on), cell(tn), ratio(on, tn), cell(j), ratio(on, j)]);
      }
    }
  }
  const blas = r.torch ? (r.torch.blas ?? "an unnamed BLAS (older run)") : "";
  const torchName = r.torch ? `PyTorch ${r.torch.version} on ${blas}` : "PyTorch not run";
  const jax = r.peers?.jaxjs ? `jax-js ${r.peers.jaxjs}` : "jax-js";
  const out = [
    `**CPU at equal thread counts** (ms/step, medians; ${torchName}; ${jax} on its wasm backend ` +
      `(jit(valueAndGrad), SGD), in the fastcpu worker; fastcpu kernels: ${fast?.kernels ?? one?.kernels ?? "?"})`,
    "",
    table(["model", "batch", "phase", "fastcpu 1T", "PyTorch 1T", "÷", `fastcpu ${n}T`, `PyTorch ${n}T`, "÷", "jax-js wasm", `fastcpu ${n}T ÷ jax-js`], rows),
  ];
  const sizes = [...(fast?.sgemm ?? one?.sgemm ?? [])].map((s) => [s.m, s.k, s.n]);
  if (sizes.length) {
    const pick = (runs: SgemmRun[] | undefined, [m, k, nn]: number[], t?: number) => runs?.find((s) => s.m === m && s.k === k && s.n === nn && (t === undefined || s.threads === t));
    const sg = sizes.map((sz) => [sz.join("×"), gflops(pick(one?.sgemm, sz)), gflops(pick(r.torch?.sgemm, sz, 1)), gflops(pick(fast?.sgemm, sz)), gflops(pick(r.torch?.sgemm, sz, n))]);
    out.push("", `**sgemm ceiling** (GFLOP/s of C = A·B, M×K×N; Gradbook = fastcpu's matMul, wasm${fast?.kernels === "relaxed" ? " relaxed SIMD (FMA)" : " SIMD"}, copies to the pool included; native = ${r.torch ? `torch.mm on ${blas}` : "not run (no PyTorch)"})`, "",
      table(["M×K×N", "Gradbook 1T", "native 1T", `Gradbook ${n}T`, `native ${n}T`], sg));
  }
  if (fast?.jaxjsError) out.push("", `- jax-js did not run: ${fast.jaxjsError}`);
  out.push("", "**Speed goals (issue 18)**", "", table(["goal", "measured", "result"], goals(r, n).map((g) => [g.what, g.measured, g.pass === null ? "–" : g.pass ? "pass" : "**FAIL**"])));
  return out;
}
