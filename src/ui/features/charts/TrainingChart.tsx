// One chart of the training view on Recharts: a caption that is the legend (latest values, data-* for tests), then
// raw, smoothed, stair (lr) and dashed earlier-run lines against a loss axis (left) and an accuracy % axis (right).
import { memo, useLayoutEffect, useMemo, useRef, useState, type PointerEvent, type ReactElement, type ReactNode } from "react";
import { CartesianGrid, ComposedChart, Line, XAxis, YAxis, type DotItemDotProps } from "recharts";
import { partialKey, type ChartModel, type LineSpec } from "./chart-data";
import { lineLabel, seriesLabel, type ChartWords } from "./series-labels";
import { formatTick, formatValue } from "./ticks";

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
/** Past runs: muted colours, dashed, so the current run stays in front. */
const OVERLAY_COLORS = ["#64748b", "#a16207", "#be185d", "#0f766e", "#7c3aed", "#b45309"];
/** Series this short get a dot per point (a line starts at its second point; the first is a dot). */
const DOTS_BELOW = 30;
const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
/** A y-axis' width from its longest tick label (≈ 6.5 px a character at 11 px) plus room for its title: no DOM measuring. */
function yWidth(ticks: readonly number[]): number {
  const chars = Math.max(1, ...ticks.map((t) => formatTick(t).length));
  return Math.ceil(26 + 6.5 * chars);
}
const X_HEIGHT = 34;

function strokeOf(line: LineSpec): string {
  return line.kind === "overlay" ? OVERLAY_COLORS[line.color % OVERLAY_COLORS.length] : COLORS[line.color % COLORS.length];
}

export interface AxisLabels {
  x: string;
  left?: string;
  right?: string;
}

export interface TrainingChartProps {
  testId: string;
  title: string;
  labels: AxisLabels;
  words: ChartWords;
  model: ChartModel;
  height: number;
}

/** The element's width in px, following resizes (0 until measured, before the first paint): no ResponsiveContainer. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.clientWidth));
    measure();
    if (typeof ResizeObserver === "undefined") return; // jsdom: the first measure is all there is
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

type Side = "x" | "left" | "right";

/**
 * Tick labels as plain SVG text: Recharts' own tick text measures every label in the DOM. `data-axis` names the axis
 * (Recharts 3 draws labels in a z-index layer of their own, outside the axis' group).
 */
function tickOf(side: Side, anchor: "middle" | "end" | "start", dy: string) {
  return function Tick(props: { x: number | string; y: number | string; payload: { value: unknown } }): ReactNode {
    return (
      <text x={props.x} y={props.y} dy={dy} textAnchor={anchor} fontSize={11} className="gb-plot-text" data-axis={side}>
        {formatTick(Number(props.payload.value))}
      </text>
    );
  };
}
const X_TICK = tickOf("x", "middle", "0.71em");
const LEFT_TICK = tickOf("left", "end", "0.32em");
const RIGHT_TICK = tickOf("right", "start", "0.32em");

/**
 * Recharts re-registers an axis or line in its store (and re-renders the chart once more, synchronously) whenever a
 * `label` or `dot` prop is a new object or function, so those are made once per text, line and colour and reused.
 */
const reused = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!reused.has(key)) {
    if (reused.size > 500) reused.clear();
    reused.set(key, make());
  }
  return reused.get(key) as T;
}

/** An axis title drawn in the axis' own box (below the x tick labels, beside the y tick labels): never under a curve. */
function axisTitle(text: string | undefined, where: Side) {
  return text ? once(`title\n${where}\n${text}`, () => makeAxisTitle(text, where)) : undefined;
}

function makeAxisTitle(text: string, where: Side) {
  return {
    content: ({ viewBox }: { viewBox?: unknown }): ReactElement | null => {
      const box = viewBox as { x: number; y: number; width: number; height: number } | undefined;
      if (!box) return null;
      if (where === "x") {
        return (
          <text className="gb-plot-label" data-axis="x" x={box.x + box.width} y={box.y + box.height - 2} textAnchor="end" fontSize={11}>
            {text}
          </text>
        );
      }
      const x = where === "left" ? box.x + 10 : box.x + box.width - 4;
      const y = box.y + box.height / 2;
      return (
        <text className="gb-plot-label" data-axis={where} x={x} y={y} textAnchor="middle" fontSize={11} transform={`rotate(-90 ${x} ${y})`}>
          {text}
        </text>
      );
    },
  };
}

/** Dots of a short line, or only its partial-epoch points (hollow, larger) on a long one. */
function dotOf(line: LineSpec, stroke: string, all: boolean) {
  return once(`dot\n${line.key}\n${stroke}\n${all}`, () => makeDot(line, stroke, all));
}

function makeDot(line: LineSpec, stroke: string, all: boolean) {
  const mark = partialKey(line.key);
  return function Dot(props: DotItemDotProps): ReactNode {
    const { cx, cy, index } = props;
    const partial = (props.payload as Record<string, number> | undefined)?.[mark] === 1;
    if (cx == null || cy == null || (!all && !partial)) return <g key={index} />;
    return (
      <circle
        key={index}
        cx={cx}
        cy={cy}
        r={partial ? 4.5 : 3}
        fill={partial ? "#fff" : stroke}
        stroke={stroke}
        strokeWidth={1.5}
        className={partial ? "gb-dot-partial" : "gb-dot"}
      />
    );
  };
}

/** Index of the row whose x is nearest to `x` (rows sorted by x); -1 without rows. */
function nearestRow(rows: readonly Record<string, number>[], x: number): number {
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

/**
 * The hover readout, drawn by us rather than by Recharts' Tooltip: with it, every redraw during training cost several
 * times more (UI bench on this machine: 102 tasks over 50 ms and 45 s of training against 15 and 15 s without).
 */
function TooltipBox(props: { row: Record<string, number>; left: boolean; lines: LineSpec[]; words: ChartWords; xLabel: string }) {
  const { row } = props;
  return (
    <div className="gb-plot-tooltip" style={props.left ? { left: 8 } : { right: 8 }}>
      <div>
        {props.xLabel} {row.x}
      </div>
      {props.lines
        .filter((l) => row[l.key] !== undefined)
        .map((l) => (
          <div key={l.key} style={{ color: strokeOf(l) }}>
            {lineLabel(l, props.words)}: {formatValue(row[l.key])}
            {row[partialKey(l.key)] === 1 && ` (${props.words.partial})`}
          </div>
        ))}
    </div>
  );
}

/** The Recharts drawing: re-rendered only when the model, the size or the labels change. */
const Plot = memo(function Plot({ model, labels, words, width, height }: Omit<TrainingChartProps, "testId" | "title"> & { width: number }) {
  const { axes, lines, rows } = model;
  const short = rows.length < DOTS_BELOW;
  const partialLines = useMemo(() => new Set(lines.filter((l) => rows.some((r) => r[partialKey(l.key)] === 1)).map((l) => l.key)), [lines, rows]);
  return (
    <ComposedChart width={width} height={height} data={rows} margin={MARGIN}>
      <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" vertical={false} yAxisId={axes.left ? "left" : "right"} />
      <XAxis
        dataKey="x"
        type="number"
        domain={axes.x.domain}
        ticks={axes.x.ticks}
        interval={0}
        allowDecimals={false}
        tick={X_TICK}
        height={X_HEIGHT}
        label={axisTitle(labels.x, "x")}
      />
      {axes.left && (
        <YAxis
          yAxisId="left"
          type="number"
          domain={axes.left.domain}
          ticks={axes.left.ticks}
          interval={0}
          tick={LEFT_TICK}
          width={yWidth(axes.left.ticks)}
          label={axisTitle(labels.left, "left")}
        />
      )}
      {axes.right && (
        <YAxis
          yAxisId="right"
          orientation="right"
          type="number"
          domain={axes.right.domain}
          ticks={axes.right.ticks}
          interval={0}
          tick={RIGHT_TICK}
          width={yWidth(axes.right.ticks)}
          label={axisTitle(labels.right, "right")}
        />
      )}
      {lines.map((line) => {
        const stroke = strokeOf(line);
        const dotted = line.kind === "raw" || line.kind === "smoothed";
        const dot = dotted && (short || partialLines.has(line.key)) ? dotOf(line, stroke, short) : false;
        return (
          <Line
            key={line.key}
            yAxisId={line.yAxis}
            dataKey={line.key}
            name={lineLabel(line, words)}
            type={line.kind === "step" ? "stepAfter" : "linear"}
            stroke={stroke}
            strokeOpacity={line.kind === "faint" ? 0.3 : 1}
            strokeDasharray={line.kind === "overlay" ? "5 3" : undefined}
            strokeWidth={line.kind === "smoothed" ? 2 : line.kind === "faint" ? 1 : 1.5}
            dot={dot}
            activeDot={false}
            connectNulls
            isAnimationActive={false}
          />
        );
      })}
    </ComposedChart>
  );
});

/** A titled chart; its caption is the legend and carries data-* attributes (latest values, curve shape) that tests read. */
export const TrainingChart = memo(function TrainingChart({ testId, title, labels, words, model, height }: TrainingChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<{ index: number; px: number } | null>(null);
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    // The plot area lies between the y-axes (Recharts lays them out with the widths given here).
    const { axes, rows } = model;
    const from = MARGIN.left + (axes.left ? yWidth(axes.left.ticks) : 0);
    const to = width - MARGIN.right - (axes.right ? yWidth(axes.right.ticks) : 0);
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const [d0, d1] = axes.x.domain;
    const index = to > from ? nearestRow(rows, d0 + ((px - from) / (to - from)) * (d1 - d0)) : -1;
    setHover(index < 0 ? null : { index, px });
  };
  const hoverRow = hover ? model.rows[hover.index] : undefined;
  const overlays = model.lines.filter((l) => l.kind === "overlay");
  const colorOf = new Map(model.lines.filter((l) => l.kind !== "overlay").map((l) => [l.name, strokeOf(l)]));
  return (
    <figure className="gb-chart" data-testid={testId} data-points={model.pointCount} data-overlays={overlays.length}>
      <figcaption className="gb-chart-legend">
        {title}
        {model.series.map((s) => (
          <span
            key={s.name}
            className="gb-chart-latest"
            data-series={s.name}
            data-values={s.lastValues.join(",")}
            data-curve={s.curve.join(",")}
            data-partial={s.partial ? "true" : undefined}
            data-axis={s.yAxis}
            style={{ color: colorOf.get(s.name) }}
          >
            {seriesLabel(s.name, words)} {formatValue(s.lastValues.at(-1))}
            {s.partial && <span className="gb-chart-partial"> ○ ({words.partial})</span>}
          </span>
        ))}
        {overlays.map((l) => (
          <span key={l.key} className="gb-chart-overlay" data-overlay={l.key} style={{ color: strokeOf(l) }}>
            ┄ {lineLabel(l, words)}
          </span>
        ))}
      </figcaption>
      <div ref={box} className="gb-plot gb-plot-area" style={{ height }} onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        {width > 0 && <Plot model={model} labels={labels} words={words} width={width} height={height} />}
        {hoverRow && <TooltipBox row={hoverRow} left={hover!.px > width / 2} lines={model.lines} words={words} xLabel={labels.x} />}
      </div>
    </figure>
  );
});
