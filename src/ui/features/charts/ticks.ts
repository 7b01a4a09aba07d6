// Axis ticks computed once per chart model: round steps and a fixed domain, so LinePlot neither searches nor measures
// (Recharts' nice-tick search with decimal.js and its tick-label measuring were most of a redraw's cost before).
import type { ChartModel } from "./chart-data";

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/** About `count` round ticks (1, 2, 2.5, 5 × 10^k steps) covering [min, max]; the domain is the outer ticks. */
export function niceTicks(min: number, max: number, count = 5): Axis {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    [min, max] = [min - pad, max + pad];
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const near = (s: number) => Math.abs(Math.log(s / raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).reduce((a, b) => (near(b) < near(a) ? b : a));
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(+v.toPrecision(12));
  return { domain: [ticks[0], ticks.at(-1)!], ticks };
}

/** The x and y axes of a chart model: x over the rows, y over every drawn value. */
export function chartAxes(model: ChartModel): { x: Axis; y: Axis } {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const row of model.rows) {
    for (const key in row) {
      const v = row[key];
      if (!Number.isFinite(v)) continue;
      if (key === "x") {
        if (v < xMin) xMin = v;
        if (v > xMax) xMax = v;
      } else {
        if (v < yMin) yMin = v;
        if (v > yMax) yMax = v;
      }
    }
  }
  const x = niceTicks(xMin, xMax, 6);
  // The x axis ends where the data ends (a live run grows to the right), its ticks stay round.
  if (Number.isFinite(xMin)) x.domain = [xMin, xMax === xMin ? xMin + 1 : xMax];
  x.ticks = x.ticks.filter((t) => t >= x.domain[0] && t <= x.domain[1]);
  return { x, y: niceTicks(yMin, yMax, 5) };
}
