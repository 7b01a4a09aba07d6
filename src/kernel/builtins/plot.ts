// plot(): line and scatter charts as `application/vnd.gradbook.chart+json` plus a text/plain summary for other tools.
import type { MimeBundle } from "../protocol";
import { repr } from "../runtime/format";
import { isPlainObject, isTensorLike, toNumberList } from "./values";

/** Same MIME type as the live training charts (notebook/types.ts CHART_MIME); a plot is told apart by `series`. */
export const CHART_MIME = "application/vnd.gradbook.chart+json";
/** Points kept per series; longer series keep every k-th point so saved notebooks stay small. */
export const MAX_POINTS = 5000;

export interface PlotSeriesSpec {
  name?: string;
  /** X values; by default 0, 1, 2, … */
  x?: unknown;
  y: unknown;
}

export interface PlotOptions {
  kind?: "line" | "scatter";
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Name of the single series given by x/y. */
  name?: string;
}

export interface PlotSpec extends PlotOptions {
  x?: unknown;
  y?: unknown;
  series?: PlotSeriesSpec[];
}

interface Series {
  name: string;
  x: number[];
  y: number[];
}

const isValues = (v: unknown) => Array.isArray(v) || isTensorLike(v) || ArrayBuffer.isView(v);

/**
 * Reads the three call forms: `plot(y, opts?)`, `plot(x, y, opts?)` and `plot({ x, y | series, kind, title, … })`.
 * Throws a TypeError naming the fix for anything else.
 */
export function readPlotArgs(args: unknown[]): PlotSpec {
  const [a, b, c] = args;
  if (isValues(a) && isValues(b)) return { ...options(c), x: a, y: b };
  if (isValues(a)) return { ...options(b), y: a };
  if (isPlainObject(a) && args.length === 1) return a as PlotSpec;
  throw new TypeError(
    `plot() takes plot(y), plot(x, y, { kind: "scatter" }) or plot({ x, y, kind, title }); got plot(${args.map((v) => repr(v).slice(0, 30)).join(", ")})`,
  );
}

function options(v: unknown): PlotOptions {
  if (v === undefined) return {};
  if (!isPlainObject(v)) throw new TypeError(`plot(): options must be an object like { kind: "scatter", title: "…" }; got ${repr(v).slice(0, 40)}`);
  return v as PlotOptions;
}

/** Validates a spec and builds the bundle. */
export function plotBundle(spec: PlotSpec): MimeBundle {
  const kind = spec.kind ?? "line";
  if (kind !== "line" && kind !== "scatter") throw new TypeError(`plot(): kind must be "line" or "scatter"; got ${repr(kind)}`);
  for (const key of ["title", "xLabel", "yLabel", "name"] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== "string") throw new TypeError(`plot(): ${key} must be a string; got ${repr(spec[key])}`);
  }
  const specs: PlotSeriesSpec[] = spec.series ?? (spec.y !== undefined ? [{ name: spec.name, x: spec.x, y: spec.y }] : []);
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new TypeError('plot() needs data: plot({ y: losses }) or plot({ series: [{ name: "train", y: a }, { name: "test", y: b }] })');
  }
  const series = specs.map((s, i) => readSeries(s, i, specs.length));
  const payload = { kind, title: spec.title, xLabel: spec.xLabel, yLabel: spec.yLabel, series };
  return { [CHART_MIME]: JSON.parse(JSON.stringify(payload)) as unknown, "text/plain": summary(payload) };
}

function readSeries(s: PlotSeriesSpec, i: number, count: number): Series {
  if (!isPlainObject(s)) throw new TypeError(`plot(): series[${i}] must be an object like { name: "loss", y: values }`);
  const where = count > 1 ? `series[${i}]` : "";
  const y = toNumberList(s.y, `plot(): ${where ? where + "." : ""}y`);
  const x = s.x === undefined ? y.map((_, j) => j) : toNumberList(s.x, `plot(): ${where ? where + "." : ""}x`);
  if (x.length !== y.length) {
    throw new TypeError(`plot(): ${where ? where + " has " : ""}x with ${x.length} values but y with ${y.length}; they must be the same length`);
  }
  const name = s.name ?? (count > 1 ? `series ${i + 1}` : "y");
  const stride = Math.ceil(x.length / MAX_POINTS);
  if (stride <= 1) return { name, x: x.map(finiteOrNull), y: y.map(finiteOrNull) };
  const keep = (_: number, j: number) => j % stride === 0 || j === x.length - 1;
  return { name, x: x.filter(keep).map(finiteOrNull), y: y.filter(keep).map(finiteOrNull) };
}

/** NaN and ±Infinity do not survive JSON: they become gaps. */
const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : (null as unknown as number));

function summary(p: { kind: string; title?: string; series: Series[] }): string {
  const range = (ys: number[]) => {
    const finite = ys.filter((v) => v !== null);
    return finite.length ? ` ${fmt(Math.min(...finite))}…${fmt(Math.max(...finite))}` : "";
  };
  const parts = p.series.map((s) => `${s.name} (${s.y.length} points,${range(s.y)})`);
  return `${p.kind === "line" ? "Line" : "Scatter"} plot${p.title ? ` "${p.title}"` : ""}: ${parts.join("; ")}`;
}

const fmt = (v: number) => String(+v.toPrecision(4));
