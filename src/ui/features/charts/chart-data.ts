// Turns metric points into chart rows: raw and EMA-smoothed series, each on its y-axis (loss left, accuracy % right),
// partial epochs marked, stale printed series dropped, overlaid past runs, ≤ 300 drawn points per line.
import type { MetricPoint } from "../../../kernel/protocol";
import { decimateIndices, emaSmooth } from "../../../lib/series";
import { chartAxes, keepEqualAxes, type ChartAxes } from "./ticks";

/** Which y-axis a line is drawn against: loss and most series on the left, accuracy (in %) on the right. */
export type YAxisSide = "left" | "right";

export interface ChartSeries {
  name: string;
  /** The latest values (up to `keepValues`), oldest first: what tests read from the DOM. */
  lastValues: number[];
  /** The whole series as at most `keepValues` bucket means, first to last: the curve's shape for tests. */
  curve: number[];
  yAxis: YAxisSide;
  /** The series' last point is a partial epoch's (the running epoch, or one cut short). */
  partial: boolean;
}

/** One drawn line: `key` is its column in the rows. Labels are made in the UI from `name` (and `run`). */
export interface LineSpec {
  key: string;
  /** The series the line draws, as the kernel named it ("loss", "test accuracy", …). */
  name: string;
  /** Overlays: the earlier run's label ("run 3", or the name the learner gave it). */
  run?: string;
  /** Index into the palette (series order; overlays use their run's index). */
  color: number;
  kind: "raw" | "faint" | "smoothed" | "overlay" | "step";
  yAxis: YAxisSide;
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
  /** Rows sorted by x; each has `x`, one key per drawn line that has a value there, and `partialKey(key)` = 1 on a partial point. */
  rows: Record<string, number>[];
  lines: LineSpec[];
  series: ChartSeries[];
  /** Points on this chart, before decimation (one per series and x: a later point at the same x replaces the earlier). */
  pointCount: number;
  /** Fixed domains and round ticks (integer on x), so the chart never searches for them. */
  axes: ChartAxes;
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

/** Accuracy series ("test accuracy", "acc", "train_acc (raw)"): drawn in % on their own axis, as the kernel reads them. */
export const isAccuracy = (name: string) => /acc/i.test(name);

/** The row column that marks a line's point as a partial epoch. */
export const partialKey = (key: string) => `${key}\u0000partial`;

const sideOf = (name: string): YAxisSide => (isAccuracy(name) ? "right" : "left");

interface Group {
  xs: number[];
  ys: number[];
  partial: boolean[];
  sorted: boolean;
  printed: boolean;
}

/** Points of one axis grouped by series; a point at the x of the series' previous one replaces it (a partial epoch's final mean). */
function groupPoints(points: readonly MetricPoint[], axis: MetricPoint["axis"], include: (name: string) => boolean): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const p of points) {
    if (p.axis !== axis || !Number.isFinite(p.step) || !include(p.name)) continue;
    let g = groups.get(p.name);
    if (!g) groups.set(p.name, (g = { xs: [], ys: [], partial: [], sorted: true, printed: true }));
    if (p.source !== "printed") g.printed = false;
    const last = g.xs.length - 1;
    if (last >= 0 && g.xs[last] === p.step) {
      g.ys[last] = p.value;
      g.partial[last] = p.partial === true;
      continue;
    }
    if (last >= 0 && p.step < g.xs[last]) g.sorted = false;
    g.xs.push(p.step);
    g.ys.push(p.value);
    g.partial.push(p.partial === true);
  }
  for (const g of groups.values()) if (!g.sorted) sortDedupe(g);
  // Stale: an accuracy read from printed output, in a run that logs its accuracy itself under another name.
  for (const [name, g] of groups) {
    if (!g.printed || !isAccuracy(name)) continue;
    const logged = [...groups].some(([n, o]) => n !== name && !o.printed && isAccuracy(n));
    if (logged) groups.delete(name);
  }
  return groups;
}

/** ×100 for an accuracy series given as a fraction (all values in 0…1), so the right axis is always in %. */
function percentScale(ys: readonly number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ys) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo >= 0 && hi <= 1 ? 100 : 1;
}

/** Builds one chart from the points of one axis. */
export function buildChart(points: readonly MetricPoint[], axis: MetricPoint["axis"], opts: ChartOptions = {}): ChartModel {
  const { include = () => true, smoothing = 0, stairs = false, overlays = [], maxPoints = 300, keepValues = 200 } = opts;
  const groups = groupPoints(points, axis, include);
  const rows = new Map<number, Record<string, number>>();
  const put = (x: number, key: string, v: number) => {
    let row = rows.get(x);
    if (!row) rows.set(x, (row = { x }));
    row[key] = v;
  };
  const lines: LineSpec[] = [];
  const series: ChartSeries[] = [];
  let color = 0;
  let pointCount = 0;
  for (const [name, g] of groups) {
    const { xs, ys } = g;
    pointCount += xs.length;
    const yAxis = stairs ? "left" : sideOf(name);
    const k = yAxis === "right" ? percentScale(ys) : 1;
    series.push({ name, lastValues: ys.slice(-keepValues), curve: thinValues(ys, keepValues), yAxis, partial: g.partial.at(-1) === true });
    const idx = decimateIndices(ys, maxPoints);
    const smooth = smoothing > 0 && !stairs && ys.length > 1;
    const smoothed = smooth ? emaSmooth(ys, smoothing) : undefined;
    lines.push({ key: name, name, color, kind: stairs ? "step" : smooth ? "faint" : "raw", yAxis });
    for (const i of idx) {
      put(xs[i], name, ys[i] * k);
      if (g.partial[i]) put(xs[i], partialKey(name), 1);
    }
    if (smoothed) {
      const key = `${name} (smoothed)`;
      lines.push({ key, name, color, kind: "smoothed", yAxis });
      for (const i of idx) put(xs[i], key, smoothed[i] * k);
    }
    color += 1;
  }
  for (const o of overlays) {
    if (!include(o.name)) continue;
    const key = `${o.run}: ${o.name}`;
    const yAxis = stairs ? "left" : sideOf(o.name);
    const k = yAxis === "right" ? percentScale(o.y) : 1;
    lines.push({ key, name: o.name, run: o.run, color: o.runIndex, kind: "overlay", yAxis });
    const idx = decimateIndices(o.y, maxPoints);
    for (const i of idx) if (Number.isFinite(o.x[i])) put(o.x[i], key, o.y[i] * k);
  }
  const sorted = [...rows.values()].sort((a, b) => a.x - b.x);
  return { rows: sorted, lines, series, pointCount, axes: chartAxes(sorted, lines) };
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
    const built = buildChart(points, this.axis, { ...opts, include: this.include });
    const model = { ...built, axes: keepEqualAxes(last?.model.axes, built.axes) };
    this.last = { count, opts, model };
    return model;
  }
}

function sameOptions(a: ChartOptions, b: ChartOptions): boolean {
  return a.smoothing === b.smoothing && a.stairs === b.stairs && a.overlays === b.overlays && a.maxPoints === b.maxPoints;
}

/** Sorts a group by x (stable: of two points at one x, the later one stays). */
function sortDedupe(g: Group): void {
  const order = g.xs.map((_, i) => i).sort((a, b) => g.xs[a] - g.xs[b]);
  const xs: number[] = [];
  const ys: number[] = [];
  const partial: boolean[] = [];
  for (const i of order) {
    const at = xs.length - 1;
    if (at >= 0 && xs[at] === g.xs[i]) {
      ys[at] = g.ys[i];
      partial[at] = g.partial[i];
      continue;
    }
    xs.push(g.xs[i]);
    ys.push(g.ys[i]);
    partial.push(g.partial[i]);
  }
  Object.assign(g, { xs, ys, partial, sorted: true });
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
