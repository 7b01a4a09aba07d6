// Pure geometry of the training charts' SVG (LinePlot): the plot frame, scales, line paths, the row under the pointer.
import type { Axis } from "./ticks";

/** Room around the plot area for tick labels (left, bottom) and the last x tick label (right). */
export const MARGIN = { top: 8, right: 16, bottom: 22, left: 48 } as const;

export interface PlotFrame {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The plot area of an SVG `width` × `height` px (never negative on a narrow page). */
export function plotFrame(width: number, height: number): PlotFrame {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
  };
}

/** A linear map of the axis' domain onto [from, to] px (a flat domain maps to `from`). */
export function scale(axis: Axis, from: number, to: number): (v: number) => number {
  const [d0, d1] = axis.domain;
  const span = d1 - d0;
  return span === 0 ? () => from : (v) => from + ((v - d0) / span) * (to - from);
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * The SVG path through the rows that have a finite value under `key` (rows sorted by x; rows without one are
 * bridged, like Recharts' connectNulls). `step`: hold each value until the next x ("stepAfter", for a learning rate).
 */
export function linePath(rows: readonly Record<string, number>[], key: string, x: (v: number) => number, y: (v: number) => number, step = false): string {
  const parts: string[] = [];
  for (const row of rows) {
    const v = row[key];
    if (v === undefined || !Number.isFinite(v)) continue;
    const px = r1(x(row.x));
    const py = r1(y(v));
    parts.push(parts.length === 0 ? `M${px},${py}` : step ? `H${px}V${py}` : `L${px},${py}`);
  }
  return parts.join("");
}

/** The points of one line (for dots on short series). */
export function linePoints(rows: readonly Record<string, number>[], key: string, x: (v: number) => number, y: (v: number) => number): [number, number][] {
  const out: [number, number][] = [];
  for (const row of rows) {
    const v = row[key];
    if (v !== undefined && Number.isFinite(v)) out.push([r1(x(row.x)), r1(y(v))]);
  }
  return out;
}

/** Index of the row whose x is nearest to `x` (rows sorted by x); -1 without rows. */
export function nearestRow(rows: readonly Record<string, number>[], x: number): number {
  if (rows.length === 0) return -1;
  let lo = 0;
  let hi = rows.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].x <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(rows[hi].x - x) < Math.abs(rows[lo].x - x) ? hi : lo;
}
