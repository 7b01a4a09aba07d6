// Run history of a training cell, kept in the cell's .ipynb metadata: curves, hyperparameters and code of each run.
import type { HParams, MetricPoint } from "../kernel/protocol";
import { meanDecimate } from "../lib/series";

/** The cell metadata key (saved in .ipynb, so autosave and downloads keep the history). */
export const RUNS_KEY = "gradbook_runs";
/** Runs kept per cell, oldest dropped first. */
export const MAX_RUNS = 20;
/** Points kept per curve of a past run (bucket means; the live chart keeps every point). */
export const MAX_CURVE_POINTS = 200;

export interface RunCurve {
  name: string;
  axis: MetricPoint["axis"];
  x: number[];
  y: number[];
}

export interface RunRecord {
  /** The kernel's run id. */
  id: string;
  /** 1, 2, 3… in this cell; never reused after trimming. */
  n: number;
  /** The learner's own name for the run ("Sigmoid", "Adam"); the label uses it instead of "run n". */
  name?: string;
  startedAt: number | null;
  elapsedMs: number | null;
  /** False when the run ended in an error or an interrupt. */
  ok: boolean;
  /** The cell's code for this run; the diff against the previous run is computed from it when shown. */
  code: string;
  hparams: HParams;
  curves: RunCurve[];
  /** Drawn over the current chart. */
  ticked?: boolean;
}

/** A cell's run history, or [] when it has none (or the metadata is not ours). */
export function runsOf(metadata: Record<string, unknown>): RunRecord[] {
  const runs = metadata[RUNS_KEY];
  return Array.isArray(runs) ? (runs as RunRecord[]).filter((r) => r && typeof r === "object" && Array.isArray(r.curves)) : [];
}

/** Groups points into curves by axis and name (sorted by x), each thinned to `maxPoints` bucket means. */
export function curvesFrom(points: readonly MetricPoint[], maxPoints = MAX_CURVE_POINTS): RunCurve[] {
  // One value per x, the last sent: a running epoch's partial means are replaced by its final mean.
  const groups = new Map<string, { name: string; axis: MetricPoint["axis"]; byX: Map<number, number> }>();
  for (const p of points) {
    if (!Number.isFinite(p.step)) continue;
    const key = `${p.axis}\n${p.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name: p.name, axis: p.axis, byX: new Map() }));
    g.byX.set(p.step, p.value);
  }
  return [...groups.values()].map(({ name, axis, byX }) => {
    const pts = [...byX].sort((a, b) => a[0] - b[0]);
    const { x, y } = meanDecimate(
      pts.map((q) => q[0]),
      pts.map((q) => q[1]),
      maxPoints,
    );
    return { name, axis, x, y: y.map((v) => (Number.isFinite(v) ? +v.toPrecision(5) : v)) };
  });
}

/** Appends a run and keeps the last `max` (run numbers keep counting). */
export function addRun(runs: readonly RunRecord[], run: Omit<RunRecord, "n">, max = MAX_RUNS): RunRecord[] {
  const n = (runs.at(-1)?.n ?? 0) + 1;
  return trimRuns([...runs, { ...run, n }], max);
}

/** The last `max` runs; ticked runs are not protected (the list stays bounded whatever the learner ticks). */
export function trimRuns(runs: readonly RunRecord[], max = MAX_RUNS): RunRecord[] {
  return runs.length <= max ? [...runs] : runs.slice(runs.length - max);
}

/** A record of the run that just ended, when it drew a chart with at least one point; else null. */
export function recordOf(
  run: { id: string; startedAt: number | null; elapsedMs: number | null; ok: boolean; code: string },
  chart: { points: MetricPoint[]; hparams?: HParams } | undefined,
): Omit<RunRecord, "n"> | null {
  if (!chart || chart.points.length === 0) return null;
  return { ...run, hparams: chart.hparams ?? {}, curves: curvesFrom(chart.points) };
}

/** "run 3 · 14:02 · lr 0.03" (the learner's name replaces "run 3"). */
export function runLabel(run: RunRecord, formatTime: (ms: number) => string = clock): string {
  const parts = [run.name?.trim() || `run ${run.n}`];
  if (run.startedAt) parts.push(formatTime(run.startedAt));
  const lr = run.hparams.lr;
  if (typeof lr === "number") parts.push(`lr ${+lr.toPrecision(3)}`);
  return parts.join(" · ");
}

function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** Hyperparameters that differ from the previous run's (what a learner changed), as "name: old → new". */
export function changedHParams(prev: HParams | undefined, cur: HParams): string[] {
  if (!prev) return [];
  const keys = new Set([...Object.keys(prev), ...Object.keys(cur)]);
  const out: string[] = [];
  for (const k of keys) if (prev[k] !== cur[k]) out.push(`${k}: ${prev[k] ?? "–"} → ${cur[k] ?? "–"}`);
  return out;
}
