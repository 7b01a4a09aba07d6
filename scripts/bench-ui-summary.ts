// The pure half of the UI bench: what one run records, its statistics, and pass/fail against the speed targets
// (issue 4's, tightened by issue 15: charts ≥ 4 redraws/s, typing < 50 ms, a ready kernel ≤ 3 s cold and ≤ 1.5 s warm).
import type { LongFrame, LongTask } from "./bench-ui-probe";

/** Issue 4, "Speed", with issue 15's budget for training and its start-up goals. */
export const UI_TARGETS = {
  /** Navigation → the first cell visible (median of cold loads); Monaco may come later. */
  openMs: 2000,
  /** No main-thread task longer than this while a training cell runs. */
  longTaskMs: 100,
  /** Chart redraws per second during training, at least. */
  chartPerSec: 4,
  /** Keypress → character in the editor, at most (typing never waits for the kernel). */
  keyMs: 50,
  /** Navigation → a ready kernel in a fresh browser profile (median). */
  coldStartMs: 3000,
  /** Navigation → a ready kernel on a reload of the same profile (median). */
  warmStartMs: 1500,
  /** An editor's first lines → their first colours (syntax highlighting that never waits for the kernel). */
  colorLagMs: 300,
} as const;

/** The start-up phases the app marks (`gradbook:startup:<phase>` on the page's timeline), in the order they usually come. */
export const STARTUP_PHASES = ["page", "engine", "state", "threads", "warmup"] as const;
export type StartupPhaseName = (typeof STARTUP_PHASES)[number];

/** One start of the app: navigation → kernel ready, and where the time went (null: the build marks no phases). */
export interface StartupSample {
  readyMs: number;
  /** ms per phase; "page" is navigation → the kernel's worker created (the app's own load). */
  phases: Partial<Record<StartupPhaseName, number>> | null;
  /** Navigation → an editor's first lines, and → its first coloured token (null: not within 20 s of the ready kernel). */
  editorLinesMs: number | null;
  editorColoredMs: number | null;
}

/** Cold: each in a fresh browser profile; warm: reloads of one profile after its first start. */
export interface StartupRun {
  cold: StartupSample[];
  warm: StartupSample[];
}

/**
 * Time per phase from the app's marks (performance.now() ms): each mark opens its phase until the next one; a phase
 * entered twice counts both stretches; `gradbook:startup:ready` ends the last. Null when the page set no marks (a
 * build from before start-up progress).
 */
export function phasesFromMarks(marks: readonly { name: string; startTime: number }[]): Partial<Record<StartupPhaseName, number>> | null {
  const ours = marks.filter((m) => m.name.startsWith("gradbook:startup:")).sort((a, b) => a.startTime - b.startTime);
  const readyAt = ours.findIndex((m) => m.name === "gradbook:startup:ready");
  if (ours.length === 0 || readyAt < 0) return null;
  const out: Partial<Record<StartupPhaseName, number>> = { page: ours[0].startTime };
  for (let i = 0; i < readyAt; i++) {
    const phase = ours[i].name.slice("gradbook:startup:".length) as StartupPhaseName;
    out[phase] = (out[phase] ?? 0) + (ours[i + 1].startTime - ours[i].startTime);
  }
  return out;
}

/** What the training scenario ran. */
export interface UiScenario {
  notebook: string;
  backend: string;
  /** Overrides typed into the notebook's parameters cell. */
  params: Record<string, number>;
  /** The index (among code cells) of the measured training cell. */
  trainCell: number;
}

export interface UiTraining {
  /** Click on Run → kernel idle again. */
  durationMs: number;
  /** Long tasks (> 50 ms) during the run. */
  longTasks: LongTask[];
  /** The longest animation frames of the run (at most a few), with the scripts that ran in them. */
  longFrames: LongFrame[];
  /** Chart redraws, ms after the run started. */
  chartRedraws: number[];
  keyLatencyMs: number[];
  /** Keys whose character never showed within the wait (counted as failures). */
  keysLost: number;
  /** The status bar's backend note (which backend trained, how many threads). */
  backendNote?: string;
}

/** Everything the UI bench produced; `BenchResults.ui`. */
export interface UiRun {
  date: string;
  chromium: string;
  scenario: UiScenario;
  open: { firstCellMs: number[]; firstCellPaintMs: number[]; editorReadyMs: number[]; fcpMs: number[] };
  /** Cold and warm starts to a ready kernel (absent in results from before it was measured). */
  startup?: StartupRun;
  training?: UiTraining;
  /** Why a part did not run (the rest is kept). */
  error?: string;
  /** `--note`, e.g. how busy the machine was. */
  note?: string;
}

/** The q-quantile (0..1) by linear interpolation; q = 0.5 is the median. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return lo + 1 < s.length ? s[lo] + (s[lo + 1] - s[lo]) * (at - lo) : s[lo];
}

export interface LongTaskSummary {
  /** Tasks over 50 ms (what the Long Tasks API reports). */
  count: number;
  /** Tasks over `limitMs`. */
  overLimit: number;
  maxMs: number;
  totalMs: number;
}

export function summarizeLongTasks(tasks: readonly LongTask[], limitMs: number = UI_TARGETS.longTaskMs): LongTaskSummary {
  const ds = tasks.map((t) => t.duration);
  return {
    count: ds.length,
    overLimit: ds.filter((d) => d > limitMs).length,
    maxMs: ds.length ? Math.max(...ds) : 0,
    totalMs: ds.reduce((a, b) => a + b, 0),
  };
}

export interface ChartRate {
  redraws: number;
  /** Redraws per second between the first and the last one (the stretch where metrics were streaming). */
  perSec: number;
  maxGapMs: number;
}

export function chartRate(times: readonly number[]): ChartRate {
  const t = [...times].sort((a, b) => a - b);
  let maxGapMs = 0;
  for (let i = 1; i < t.length; i++) maxGapMs = Math.max(maxGapMs, t[i] - t[i - 1]);
  const span = t.length > 1 ? t[t.length - 1] - t[0] : 0;
  return { redraws: t.length, perSec: span > 0 ? ((t.length - 1) * 1000) / span : 0, maxGapMs };
}

export interface UiCheck {
  what: string;
  measured: string;
  target: string;
  /** null: not measured. */
  pass: boolean | null;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms` : "–");

/** One row per target, with the numbers behind it. */
export function uiChecks(run: UiRun): UiCheck[] {
  const { open, training: tr } = run;
  const loads = open.firstCellPaintMs.length;
  const firstCell = quantile(open.firstCellPaintMs, 0.5);
  const checks: UiCheck[] = [
    {
      what: `open: navigation → first cell painted (median of ${loads} cold loads)`,
      measured: loads ? `${ms(firstCell)} (max ${ms(Math.max(...open.firstCellPaintMs))})` : "–",
      target: `< ${UI_TARGETS.openMs} ms`,
      pass: loads ? firstCell < UI_TARGETS.openMs : null,
    },
    {
      what: "open: navigation → Monaco editor ready (median; no target)",
      measured: open.editorReadyMs.length ? ms(quantile(open.editorReadyMs, 0.5)) : "–",
      target: "–",
      pass: null,
    },
  ];
  if (run.startup) checks.push(...startupChecks(run.startup));
  if (!tr) return checks;
  const lt = summarizeLongTasks(tr.longTasks);
  const rate = chartRate(tr.chartRedraws);
  const keys = tr.keyLatencyMs.length;
  const keyMax = keys ? Math.max(...tr.keyLatencyMs) : NaN;
  checks.push(
    {
      what: `training: longest main-thread task (${lt.count} over 50 ms, ${lt.overLimit} over ${UI_TARGETS.longTaskMs} ms)`,
      measured: ms(lt.maxMs),
      target: `≤ ${UI_TARGETS.longTaskMs} ms`,
      pass: lt.overLimit === 0,
    },
    {
      what: `training: chart redraws per second (${rate.redraws} redraws, longest gap ${ms(rate.maxGapMs)})`,
      measured: rate.redraws > 1 ? rate.perSec.toFixed(1) : "no redraws",
      target: `≥ ${UI_TARGETS.chartPerSec}`,
      pass: rate.perSec >= UI_TARGETS.chartPerSec,
    },
    {
      what: `training: keypress → character in the editor (${keys} keys${tr.keysLost ? `, ${tr.keysLost} never shown` : ""})`,
      measured: keys ? `median ${ms(quantile(tr.keyLatencyMs, 0.5))}, max ${ms(keyMax)}` : "–",
      target: `max < ${UI_TARGETS.keyMs} ms`,
      pass: keys ? tr.keysLost === 0 && keyMax < UI_TARGETS.keyMs : null,
    },
  );
  return checks;
}

/** The scripts that took the most time in the run's long frames: "why" for the report's notes. */
export function topScripts(frames: readonly LongFrame[], n = 5): { what: string; totalMs: number; count: number }[] {
  const by = new Map<string, { totalMs: number; count: number }>();
  for (const f of frames) {
    for (const s of f.scripts) {
      const what = `${s.invoker}${s.fn ? ` → ${s.fn}` : ""} (${s.source.split("/").pop() || "?"})`;
      const e = by.get(what) ?? { totalMs: 0, count: 0 };
      e.totalMs += s.durationMs;
      e.count += 1;
      by.set(what, e);
    }
  }
  return [...by].map(([what, e]) => ({ what, ...e })).sort((a, b) => b.totalMs - a.totalMs).slice(0, n);
}

/** The start-up rows: cold and warm navigation → ready kernel against the goals, and when editors were coloured. */
export function startupChecks(st: StartupRun): UiCheck[] {
  const row = (kind: "cold" | "warm", samples: StartupSample[], limit: number, how: string): UiCheck => {
    const ready = samples.map((s) => s.readyMs);
    const median = quantile(ready, 0.5);
    return {
      what: `start: navigation → kernel ready, ${kind} (median of ${samples.length}; ${how})`,
      measured: samples.length ? `${ms(median)} (max ${ms(Math.max(...ready))})` : "–",
      target: `≤ ${limit} ms`,
      pass: samples.length ? median <= limit : null,
    };
  };
  const all = [...st.cold, ...st.warm];
  // Coloured as they first show (never a plain-text editor coloured later), whether the kernel is ready by then or not.
  const early = all.filter((s) => s.editorColoredMs !== null && s.editorLinesMs !== null && s.editorColoredMs - s.editorLinesMs <= UI_TARGETS.colorLagMs);
  const seen = all.flatMap((s) => (s.editorColoredMs === null ? [] : [s.editorColoredMs]));
  return [
    row("cold", st.cold, UI_TARGETS.coldStartMs, "each in a fresh browser profile"),
    row("warm", st.warm, UI_TARGETS.warmStartMs, "reloads of the same profile"),
    {
      what: `start: editors coloured as their lines first show, within ${UI_TARGETS.colorLagMs} ms, not after the kernel (starts; median navigation → first colour)`,
      measured: all.length ? `${early.length} of ${all.length}${seen.length ? `, median ${ms(quantile(seen, 0.5))}` : ""}` : "–",
      target: "all",
      pass: all.length ? early.length === all.length : null,
    },
  ];
}

/** Median ms per phase over the samples, "–" where the build marked none. */
export function phaseMedians(samples: readonly StartupSample[]): Record<StartupPhaseName | "ready", string> {
  const out = {} as Record<StartupPhaseName | "ready", string>;
  const marked = samples.filter((s) => s.phases !== null);
  for (const phase of STARTUP_PHASES) {
    const xs = marked.map((s) => s.phases![phase] ?? 0);
    out[phase] = marked.length ? ms(quantile(xs, 0.5)) : "–";
  }
  out.ready = samples.length ? ms(quantile(samples.map((s) => s.readyMs), 0.5)) : "–";
  return out;
}
