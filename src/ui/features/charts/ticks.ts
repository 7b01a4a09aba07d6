// Axis domains and ticks computed once per chart model: round steps, integer ticks on x (steps and epochs), the
// accuracy axis kept within 0–100 %, so Recharts neither searches for nice ticks nor measures labels.

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

export interface ChartAxes {
  x: Axis;
  /** Undefined when no line is drawn against that side. */
  left?: Axis;
  right?: Axis;
}

/** About `count` round ticks (1, 2, 2.5, 5 × 10^k steps; `integer`: whole steps of 1, 2, 5 × 10^k) covering [min, max]; the domain is the outer ticks. */
export function niceTicks(min: number, max: number, count = 5, integer = false): Axis {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  if (min === max) {
    // ±50%: a constant lr of 0.05 reads 0.02 … 0.08, not 0.045, 0.0475, … 0.055.
    const pad = integer ? 1 : min === 0 ? 1 : Math.abs(min) * 0.5;
    [min, max] = [min - pad, max + pad];
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const mag = integer ? Math.max(1, 10 ** Math.floor(Math.log10(raw))) : 10 ** Math.floor(Math.log10(raw));
  const near = (s: number) => Math.abs(Math.log(s / raw));
  const steps = (integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]).map((m) => m * mag);
  const step = steps.reduce((a, b) => (near(b) < near(a) ? b : a));
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(+v.toPrecision(12));
  return { domain: [ticks[0], ticks.at(-1)!], ticks };
}

/**
 * The x axis over integer steps or epochs: from the first x to the round tick at or after the last, so a live run
 * changes its axis only when it passes a tick (an axis change costs Recharts a store update); whole-number ticks.
 */
export function integerAxis(min: number, max: number, count = 6): Axis {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  const nice = niceTicks(min, Math.max(max, min + 1), count, true);
  const hi = nice.domain[1];
  return { domain: [min, hi], ticks: nice.ticks.filter((t) => t >= min && t <= hi) };
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** `next`, or `prev` where an axis is unchanged: Recharts re-registers an axis whose ticks array is a new one. */
export function keepEqualAxes(prev: ChartAxes | undefined, next: ChartAxes): ChartAxes {
  if (!prev) return next;
  const keep = (a: Axis | undefined, b: Axis | undefined) => (a && b && sameNumbers(a.domain, b.domain) && sameNumbers(a.ticks, b.ticks) ? a : b);
  const axes = { x: keep(prev.x, next.x)!, left: keep(prev.left, next.left), right: keep(prev.right, next.right) };
  return axes.x === prev.x && axes.left === prev.left && axes.right === prev.right ? prev : axes;
}

/** The accuracy axis (%): round ticks over the values, never past 0 or 100 (a sub-range when the values are close). */
export function percentAxis(min: number, max: number): Axis {
  const nice = niceTicks(Math.max(0, min), Math.min(100, max), 5);
  const lo = Math.max(0, nice.domain[0]);
  const hi = Math.min(100, nice.domain[1]);
  const ticks = nice.ticks.filter((t) => t >= lo && t <= hi);
  return { domain: [lo, hi], ticks };
}

/** The axes of a chart: x over the rows, each y side over the values of the lines drawn against it. */
export function chartAxes(rows: readonly Record<string, number>[], lines: readonly { key: string; yAxis: "left" | "right" }[]): ChartAxes {
  let xMin = Infinity;
  let xMax = -Infinity;
  const range = { left: [Infinity, -Infinity], right: [Infinity, -Infinity] };
  for (const row of rows) {
    if (row.x < xMin) xMin = row.x;
    if (row.x > xMax) xMax = row.x;
    for (const line of lines) {
      const v = row[line.key];
      if (v === undefined || !Number.isFinite(v)) continue;
      const r = range[line.yAxis];
      if (v < r[0]) r[0] = v;
      if (v > r[1]) r[1] = v;
    }
  }
  const has = (side: "left" | "right") => lines.some((l) => l.yAxis === side);
  return {
    x: integerAxis(xMin, xMax),
    left: has("left") ? niceTicks(range.left[0], range.left[1], 5) : undefined,
    right: has("right") ? percentAxis(range.right[0], range.right[1]) : undefined,
  };
}

/** A tick label: 3 significant digits, thousands as "k". */
export const formatTick = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : String(+v.toPrecision(3)));

/** A value in the caption or tooltip: 4 significant digits, "–" for none. */
export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "–";
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}
