// Turns metric points into chart rows: raw and EMA-smoothed series, overlaid past runs, ≤ 400 drawn points per line.
import type { MetricPoint } from "../../../kernel/protocol";
import { decimateIndices, emaSmooth } from "../../../lib/series";

export interface ChartSeries {
  name: string;
  /** The latest values (up to `keepValues`), oldest first: what tests read from the DOM. */
  lastValues: number[];
  /** The whole series as at most `keepValues` bucket means, first to last: the curve's shape for tests. */
  curve: number[];
}

/** One drawn line: `key` is its column in the rows. */
export interface LineSpec {
  key: string;
  label: string;
  /** Index into the palette (series order; overlays use their run's index). */
  color: number;
  kind: "raw" | "faint" | "smoothed" | "overlay" | "step";
}

/** A curve of an earlier run to draw over this one (from run history). */
export interface OverlayCurve {
  run: string;
  runIndex: number;
  name: string;
  x: number[];
  y: number[];
}

export interface ChartModel {
  /** Rows sorted by x; each has `x` and one key per drawn line that has a value there. */
  rows: Record<string, number>[];
  lines: LineSpec[];
  series: ChartSeries[];
  /** Raw points on this chart, before decimation. */
  pointCount: number;
}

export interface ChartOptions {
  /** Which series this chart draws (e.g. everything but the learning rate). */
  include?: (name: string) => boolean;
  /** EMA weight 0…0.99 (TensorBoard's slider); 0 draws the raw curve only. */
  smoothing?: number;
  /** Drawn as "step" lines (a learning rate changes in stairs). */
  stairs?: boolean;
  overlays?: OverlayCurve[];
  /** Drawn points per line at most (the stored output keeps every point). */
  maxPoints?: number;
  keepValues?: number;
}

/** True for the learning-rate series the kernel sends ("lr", "lr (group 2)", …). */
export const isLr = (name: string) => name === "lr" || name.startsWith("lr (");

/** Builds one chart from the points of one axis. */
export function buildChart(points: readonly MetricPoint[], axis: MetricPoint["axis"], opts: ChartOptions = {}): ChartModel {
  const { include = () => true, smoothing = 0, stairs = false, overlays = [], maxPoints = 400, keepValues = 200 } = opts;
  const groups = new Map<string, { xs: number[]; ys: number[]; sorted: boolean }>();
  let pointCount = 0;
  for (const p of points) {
    if (p.axis !== axis || !Number.isFinite(p.step) || !include(p.name)) continue;
    pointCount += 1;
    let g = groups.get(p.name);
    if (!g) groups.set(p.name, (g = { xs: [], ys: [], sorted: true }));
    if (g.xs.length && p.step < g.xs[g.xs.length - 1]) g.sorted = false;
    g.xs.push(p.step);
    g.ys.push(p.value);
  }
  const rows = new Map<number, Record<string, number>>();
  const put = (x: number, key: string, v: number) => {
    let row = rows.get(x);
    if (!row) rows.set(x, (row = { x }));
    row[key] = v;
  };
  const lines: LineSpec[] = [];
  const series: ChartSeries[] = [];
  let color = 0;
  for (const [name, g] of groups) {
    const { xs, ys } = g.sorted ? g : sortPairs(g.xs, g.ys);
    series.push({ name, lastValues: ys.slice(-keepValues), curve: thinValues(ys, keepValues) });
    const idx = decimateIndices(ys, maxPoints);
    const smooth = smoothing > 0 && !stairs && ys.length > 1;
    const smoothed = smooth ? emaSmooth(ys, smoothing) : undefined;
    lines.push({ key: name, label: name, color, kind: stairs ? "step" : smooth ? "faint" : "raw" });
    for (const i of idx) put(xs[i], name, ys[i]);
    if (smoothed) {
      const key = `${name} (smoothed)`;
      lines.push({ key, label: key, color, kind: "smoothed" });
      for (const i of idx) put(xs[i], key, smoothed[i]);
    }
    color += 1;
  }
  for (const o of overlays) {
    if (!include(o.name)) continue;
    const key = `${o.run}: ${o.name}`;
    lines.push({ key, label: key, color: o.runIndex, kind: "overlay" });
    const idx = decimateIndices(o.y, maxPoints);
    for (const i of idx) if (Number.isFinite(o.x[i])) put(o.x[i], key, o.y[i]);
  }
  return { rows: [...rows.values()].sort((a, b) => a.x - b.x), lines, series, pointCount };
}

/**
 * Rebuilds a chart only when its own points grew or its options changed: the lr and per-epoch charts then keep
 * their model (and skip a render) while loss points stream in. Points only ever append, so a count is
 * enough to tell.
 */
export class ChartCache {
  private last: { count: number; opts: ChartOptions; model: ChartModel } | undefined;

  constructor(
    private readonly axis: MetricPoint["axis"],
    private readonly include: (name: string) => boolean = () => true,
  ) {}

  get(points: readonly MetricPoint[], opts: Omit<ChartOptions, "include">): ChartModel {
    let count = 0;
    for (const p of points) if (p.axis === this.axis && this.include(p.name)) count += 1;
    const last = this.last;
    if (last && last.count === count && sameOptions(last.opts, opts)) return last.model;
    const model = buildChart(points, this.axis, { ...opts, include: this.include });
    this.last = { count, opts, model };
    return model;
  }
}

function sameOptions(a: ChartOptions, b: ChartOptions): boolean {
  return a.smoothing === b.smoothing && a.stairs === b.stairs && a.overlays === b.overlays && a.maxPoints === b.maxPoints;
}

function sortPairs(xs: number[], ys: number[]): { xs: number[]; ys: number[] } {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  return { xs: order.map((i) => xs[i]), ys: order.map((i) => ys[i]) };
}

/** Bucket means of `values`, so at most `max` remain (the last bucket may be shorter). */
export function thinValues(values: number[], max: number): number[] {
  if (values.length <= max) return values.slice();
  const size = Math.ceil(values.length / max);
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size) {
    const bucket = values.slice(i, i + size);
    out.push(bucket.reduce((a, b) => a + b, 0) / bucket.length);
  }
  return out;
}
