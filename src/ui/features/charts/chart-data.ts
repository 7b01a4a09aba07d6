// Turns metric points into chart rows (one per step, a column per series), thinned so drawing stays cheap.
import type { MetricPoint } from "../../../kernel/protocol";

export interface ChartSeries {
  name: string;
  /** The latest values (up to `keepValues`), oldest first: what tests read from the DOM. */
  lastValues: number[];
  /** The whole series as at most `keepValues` bucket means, first to last: the curve's shape for tests. */
  curve: number[];
}

export interface ChartModel {
  /** Rows sorted by x; each has `x` and one key per series name. */
  rows: Record<string, number>[];
  series: ChartSeries[];
  /** Raw points on this axis, before thinning. */
  pointCount: number;
}

/**
 * Builds one chart from the points of one axis. Beyond `maxRows` steps, consecutive rows are averaged in
 * buckets: a 10k-step loss curve then draws as fast as a short one and looks the same.
 */
export function buildChart(points: MetricPoint[], axis: MetricPoint["axis"], maxRows = 250, keepValues = 200): ChartModel {
  const byStep = new Map<number, Record<string, number>>();
  const values = new Map<string, number[]>();
  let pointCount = 0;
  for (const p of points) {
    if (p.axis !== axis || !Number.isFinite(p.step)) continue;
    pointCount += 1;
    let row = byStep.get(p.step);
    if (!row) byStep.set(p.step, (row = { x: p.step }));
    row[p.name] = p.value;
    let list = values.get(p.name);
    if (!list) values.set(p.name, (list = []));
    list.push(p.value);
  }
  const sorted = [...byStep.values()].sort((a, b) => a.x - b.x);
  const series = [...values].map(([name, list]) => ({ name, lastValues: list.slice(-keepValues), curve: thinValues(list, keepValues) }));
  return { rows: thin(sorted, maxRows), series, pointCount };
}

/** Averages consecutive rows in equal buckets so at most `maxRows` remain; x is the bucket's last x. */
export function thin(rows: Record<string, number>[], maxRows: number): Record<string, number>[] {
  if (rows.length <= maxRows) return rows;
  const size = Math.ceil(rows.length / maxRows);
  const out: Record<string, number>[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const bucket = rows.slice(i, i + size);
    const sums: Record<string, { total: number; n: number }> = {};
    for (const row of bucket) {
      for (const [key, v] of Object.entries(row)) {
        if (key === "x" || !Number.isFinite(v)) continue;
        (sums[key] ??= { total: 0, n: 0 }).total += v;
        sums[key].n += 1;
      }
    }
    const merged: Record<string, number> = { x: bucket[bucket.length - 1].x };
    for (const [key, { total, n }] of Object.entries(sums)) merged[key] = total / n;
    out.push(merged);
  }
  return out;
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
