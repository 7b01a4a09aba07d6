// The pure half of `npm run bench`: statistics over repeats, number formats, the Markdown tables, the README section.
import type { BackendRun, Impl, Measurement, ModelName, Phase, TorchRun } from "../bench/protocol";
import { cpuSection, type Peers } from "./bench-cpu-report";
import { fmtDuration, fmtMs, fmtMsRange, fmtRate, fmtRatio, MNIST_TRAIN, summarize, table, type Stat } from "./bench-format";
import { renderMemory, type MemoryRun } from "./bench-memory-report";
import { chartRate, phaseMedians, STARTUP_PHASES, summarizeLongTasks, topScripts, uiChecks, type UiRun } from "./bench-ui-summary";

export { fmtDuration, fmtMs, fmtMsRange, fmtRate, fmtRatio, median, MNIST_TRAIN, summarize, table, type Stat } from "./bench-format";

export const README_START = "<!-- bench:start -->";
export const README_END = "<!-- bench:end -->";

export interface Machine {
  cpu: string;
  cores: number;
  chromium: string;
  node: string;
}

/** Everything one run produced; written as bench/results/latest.json. */
export interface BenchResults {
  date: string;
  machine: Machine;
  options: { backends: string[]; models: ModelName[]; batches: number[]; quick: boolean };
  note?: string;
  durationSec: number;
  backends: BackendRun[];
  torch?: TorchRun;
  torchError?: string;
  /** The UI bench (scripts/bench-ui.ts); it may come from an earlier run than the tables (--ui-only, --no-ui). */
  ui?: UiRun;
  /** The memory bench (scripts/bench-memory.ts); kept from an earlier run when this one skips it. */
  memory?: MemoryRun;
  /** Versions of the peers timed beside fastcpu (jax-js). */
  peers?: Peers;
}

type Find = (impl: Impl, phase: Phase) => Measurement | undefined;

function cell(m: Measurement | undefined, show: (s: Stat) => string): string {
  if (!m) return "–";
  if (m.skipped) return "n/a";
  if (m.error || !m.timing) return "error";
  return show(summarize(m.timing, m.batch));
}

function statOf(m: Measurement | undefined): Stat | undefined {
  return m?.timing && !m.error ? summarize(m.timing, m.batch) : undefined;
}

/** Threads a backend's row ran on: fastcpu its pool's count, the other CPU backends one; GPUs have no CPU twin. */
function rowThreads(b: BackendRun): number | null {
  if (b.requested === "webgpu" || b.requested === "webgl") return null;
  return b.threads ?? 1;
}

function torchStat(r: BenchResults, model: ModelName, batch: number, phase: Phase, threads: number | null = 1): Stat | undefined {
  if (threads === null) return undefined;
  const run = r.torch?.runs.find((x) => x.threads === threads && x.model === model && x.batch === batch && x.phase === phase);
  return run ? summarize(run.timing, batch) : undefined;
}

function ratio(a: Stat | undefined, b: Stat | undefined): string {
  return a && b ? fmtRatio(a.medianMs, b.medianMs) : "–";
}

/** The Markdown body: tables for training, inference and PyTorch, then notes. */
export function renderMarkdown(r: BenchResults): string {
  const ran = r.backends.filter((b) => b.backend === b.requested);
  const trainRows: string[][] = [];
  const inferRows: string[][] = [];
  for (const model of r.options.models) {
    for (const batch of r.options.batches) {
      for (const b of ran) {
        const torchTrain = torchStat(r, model, batch, "train", rowThreads(b));
        const find: Find = (impl, phase) => b.measurements.find((m) => m.impl === impl && m.model === model && m.batch === batch && m.phase === phase);
        const [ot, lt, oi, li] = [find("ours", "train"), find("layers", "train"), find("ours", "infer"), find("layers", "infer")];
        trainRows.push([
          model, String(batch), b.requested,
          cell(ot, fmtMsRange), cell(ot, (s) => fmtRate(s.samplesPerSec)), cell(ot, (s) => fmtDuration(s.epochSec)),
          cell(lt, fmtMsRange), cell(lt, (s) => fmtRate(s.samplesPerSec)), cell(lt, (s) => fmtDuration(s.epochSec)),
          ratio(statOf(ot), statOf(lt)), ratio(statOf(ot), torchTrain),
        ]);
        inferRows.push([
          model, String(batch), b.requested,
          cell(oi, (s) => fmtRate(s.samplesPerSec)), cell(li, (s) => fmtRate(s.samplesPerSec)),
          ratio(statOf(oi), statOf(li)), ratio(statOf(oi), torchStat(r, model, batch, "infer", rowThreads(b))),
        ]);
      }
    }
  }
  if (r.backends.length === 0) return [...uiSection(r.ui), ...memorySection(r.memory)].join("\n").trimEnd() + "\n";
  const parts = [
    `**Training** (one SGD step, lr 0.03, CrossEntropyLoss; ms/step median (min–max); epoch = ${MNIST_TRAIN.toLocaleString("en-US")} samples, projected)`,
    "",
    table(
      ["model", "batch", "backend", "Gradbook ms/step", "samples/s", "epoch", "tfjs Layers ms/step", "samples/s", "epoch", "Gradbook ÷ Layers", "Gradbook ÷ PyTorch, same threads"],
      trainRows,
    ),
    "",
    "**Inference** (forward only under noGrad; samples/s; the ratios compare time per batch)",
    "",
    table(["model", "batch", "backend", "Gradbook", "tfjs Layers", "Gradbook ÷ Layers", "Gradbook ÷ PyTorch, same threads"], inferRows),
  ];
  const cpu = cpuSection(r);
  if (cpu.length) parts.push("", ...cpu);
  parts.push("", ...torchSection(r), "", ...notes(r), "", ...uiSection(r.ui), ...memorySection(r.memory));
  return parts.join("\n").trimEnd() + "\n";
}

function torchSection(r: BenchResults): string[] {
  if (!r.torch) return [`**PyTorch native**: not run (${r.torchError ?? "skipped"}).`];
  const threads = [...new Set(r.torch.runs.map((x) => x.threads))];
  const rows: string[][] = [];
  for (const model of r.options.models) {
    for (const batch of r.options.batches) {
      for (const t of threads) {
        const train = torchStat(r, model, batch, "train", t);
        const infer = torchStat(r, model, batch, "infer", t);
        if (!train || !infer) continue;
        rows.push([model, String(batch), String(t), fmtMsRange(train), fmtRate(train.samplesPerSec), fmtDuration(train.epochSec), fmtRate(infer.samplesPerSec)]);
      }
    }
  }
  return [
    `**PyTorch ${r.torch.version} native** (CPU, BLAS: ${r.torch.blas ?? "not checked (an older run)"}; threads = torch.set_num_threads and ` +
      `OpenBLAS's own; torch's default here is ${r.torch.defaultThreads}; the "same threads" ratios above divide by the row at the backend's thread count ` +
      `(fastcpu: its pool, other CPU backends: 1; none for GPUs))`,
    "",
    table(["model", "batch", "threads", "train ms/step", "samples/s", "epoch", "inference samples/s"], rows),
  ];
}

/** Issue 4's speed targets, pass/fail, then what ran in the longest frames (the "why" of any long task). */
function memorySection(m: MemoryRun | undefined): string[] {
  return m ? ["", renderMemory(m)] : ["", "**Memory over a long run**: not measured (run `npm run bench` without --no-memory)."];
}

export function uiSection(ui: UiRun | undefined): string[] {
  if (!ui) return ["**UI responsiveness**: not measured (run `npm run bench -- --ui-only`)."];
  const sc = ui.scenario;
  const params = Object.entries(sc.params).map(([k, v]) => `${k} ${v}`).join(", ");
  const rows = uiChecks(ui).map((c) => [c.what, c.measured, c.target, c.pass === null ? "–" : c.pass ? "pass" : "**FAIL**"]);
  const out = [
    `**UI responsiveness** (built app in headless Chromium ${ui.chromium}, ${ui.date.slice(0, 10)}; training = the ${sc.notebook} tutorial's ` +
      `code cell ${sc.trainCell + 1} on ${ui.training?.backendNote ? `${sc.backend}: ${ui.training.backendNote}` : sc.backend} with ${params}, typing into another cell meanwhile)`,
    "",
    table(["check", "measured", "target", "result"], rows),
  ];
  if (ui.note) out.splice(1, 0, "", `> ${ui.note}`);
  if (ui.startup) {
    const cold = phaseMedians(ui.startup.cold);
    const warm = phaseMedians(ui.startup.warm);
    const cols = [...STARTUP_PHASES, "ready"] as const;
    out.push(
      "",
      "Where a start's time goes (medians; page = navigation → the kernel's worker created; – = this build marks no phases):",
      "",
      table(["start", ...cols], [["cold", ...cols.map((c) => cold[c])], ["warm", ...cols.map((c) => warm[c])]]),
    );
  }
  if (ui.error) out.push("", `- UI bench stopped early: ${ui.error}`);
  const tr = ui.training;
  if (tr) {
    const lt = summarizeLongTasks(tr.longTasks);
    const rate = chartRate(tr.chartRedraws);
    out.push(
      "",
      `- Training ran ${fmtDuration(tr.durationMs / 1000)}: ${lt.count} long tasks (${fmtMs(lt.totalMs)} ms in all), ` +
        `${rate.redraws} chart redraws, ${tr.keyLatencyMs.length} keys typed.`,
    );
    const top = topScripts(tr.longFrames, 3);
    if (top.length) {
      out.push(
        `- Tasks that ran in the longest frames (Long Animation Frames; a React render flushed in a microtask counts ` +
          `under the task that scheduled it): ${top.map((t) => `${t.what} ${fmtMs(t.totalMs)} ms`).join("; ")}.`,
      );
    }
  }
  return out;
}

function notes(r: BenchResults): string[] {
  const out: string[] = [];
  for (const b of r.backends) {
    if (b.backend !== b.requested) out.push(`- ${b.requested}: could not start (${b.startError ?? b.note ?? "unknown reason"}); not timed.`);
    else if (b.note) out.push(`- ${b.requested}: ${b.note}`);
    for (const m of b.measurements) {
      if (m.error) out.push(`- ${b.requested} ${m.impl} ${m.model} b${m.batch} ${m.phase}: error: ${m.error.split("\n")[0]}`);
    }
    const skipped = new Map<string, Set<string>>();
    for (const m of b.measurements.filter((x) => x.skipped)) {
      const what = `${{ ours: "Gradbook", layers: "tfjs Layers", jaxjs: "jax-js" }[m.impl]} ${m.model} b${m.batch}`;
      skipped.set(m.skipped!, (skipped.get(m.skipped!) ?? new Set()).add(what));
    }
    for (const [why, what] of skipped) out.push(`- ${b.requested}: ${[...what].join(", ")}: ${why}`);
  }
  return out;
}

/** The dated header plus the tables: what the README section and latest.md show. */
export function renderSection(r: BenchResults): string {
  const m = r.machine;
  if (r.backends.length === 0 && r.ui) {
    return [`Last run: **${r.ui.date.slice(0, 10)}**, \`npm run bench -- --ui-only\` (no kernel tables yet).`, "", renderMarkdown(r)].join("\n");
  }
  const opts = [r.options.quick ? "--quick" : "", `--backends ${r.options.backends.join(",")}`, `--models ${r.options.models.join(",")}`].filter(Boolean).join(" ");
  const head = [
    `Last run: **${r.date.slice(0, 10)}** on ${m.cpu} (${m.cores} cores), Chromium ${m.chromium}, Node ${m.node}; ` +
      `\`npm run bench -- ${opts}\`, ${fmtDuration(r.durationSec)} in all.`,
  ];
  if (r.note) head.push("", `> ${r.note}`);
  return [...head, "", renderMarkdown(r)].join("\n");
}

/** Replaces the text between the bench markers; throws if they are missing. */
export function replaceSection(readme: string, body: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${README_START} … ${README_END} block; add the two markers where the bench table belongs, or pass --no-readme`);
  }
  return readme.slice(0, start + README_START.length) + "\n" + body.trimEnd() + "\n" + readme.slice(end);
}
