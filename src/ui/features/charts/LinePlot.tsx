// The training view's line plot, drawn as plain SVG: grid, axes with explicit ticks, raw/smoothed/step/overlay lines,
// dots on short series, a hover readout. Recharts' first mount of the loss chart was one main-thread task of ~100 ms
// (longer on a busy machine) and each redraw 20–150 ms: its store re-renders synchronously, so no transition could
// slice it. This draws the same picture in a few milliseconds.
import { memo, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from "react";
import type { ChartModel, LineSpec } from "./chart-data";
import { linePath, linePoints, nearestRow, plotFrame, scale, type PlotFrame } from "./plot-geometry";
import { chartAxes } from "./ticks";

type Axes = ReturnType<typeof chartAxes>;

export const formatTick = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : String(+v.toPrecision(3)));

export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "–";
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

/** The element's width in px, following resizes (0 until measured, before the first paint). */
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

interface Props {
  model: ChartModel;
  xLabel: string;
  height: number;
  strokeOf: (line: LineSpec) => string;
}

const TEXT = { fontSize: 11, className: "gb-plot-text" } as const;

/** Grid, axes, lines and dots: re-rendered only when the model or the size changes, not on hover. */
const Drawing = memo(function Drawing(props: Omit<Props, "height"> & { frame: PlotFrame; axes: Axes }) {
  const { model, xLabel, frame, strokeOf, axes } = props;
  const { left, top, width, height } = frame;
  const bottom = top + height;
  const x = scale(axes.x, left, left + width);
  const y = scale(axes.y, bottom, top);
  const dots = model.rows.length < 30;
  return (
    <>
      <g className="gb-plot-grid" stroke="#e5e7eb" strokeDasharray="3 3">
        {axes.y.ticks.map((t) => (
          <line key={t} x1={left} x2={left + width} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      <g className="gb-plot-axis" stroke="#666">
        <line x1={left} x2={left + width} y1={bottom} y2={bottom} />
        <line x1={left} x2={left} y1={top} y2={bottom} />
        {axes.x.ticks.map((t) => (
          <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + 5} />
        ))}
        {axes.y.ticks.map((t) => (
          <line key={`y${t}`} x1={left - 5} x2={left} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      {axes.x.ticks.map((t) => (
        <text key={`x${t}`} {...TEXT} x={x(t)} y={bottom + 16} textAnchor="middle">
          {formatTick(t)}
        </text>
      ))}
      {axes.y.ticks.map((t) => (
        <text key={`y${t}`} {...TEXT} x={left - 8} y={y(t)} dy="0.35em" textAnchor="end">
          {formatTick(t)}
        </text>
      ))}
      <text {...TEXT} x={left + width - 2} y={bottom - 4} textAnchor="end">
        {xLabel}
      </text>
      {model.lines.map((line) => (
        <path
          key={line.key}
          data-line={line.key}
          d={linePath(model.rows, line.key, x, y, line.kind === "step")}
          fill="none"
          stroke={strokeOf(line)}
          strokeOpacity={line.kind === "faint" ? 0.3 : 1}
          strokeDasharray={line.kind === "overlay" ? "5 3" : undefined}
          strokeWidth={line.kind === "smoothed" ? 2 : line.kind === "faint" ? 1 : 1.5}
          strokeLinejoin="round"
        />
      ))}
      {dots &&
        model.lines
          .filter((l) => l.kind === "raw" || l.kind === "smoothed")
          .map((line) => (
            <g key={`dots ${line.key}`} fill="#fff" stroke={strokeOf(line)} strokeWidth={1.5}>
              {linePoints(model.rows, line.key, x, y).map(([cx, cy]) => (
                <circle key={cx} cx={cx} cy={cy} r={3} />
              ))}
            </g>
          ))}
    </>
  );
});

/** A chart of `model` as wide as its container: hovering shows the values of the nearest x. */
export const LinePlot = memo(function LinePlot({ model, xLabel, height, strokeOf }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const frame = useMemo(() => plotFrame(width, height), [width, height]);
  const axes = useMemo(() => chartAxes(model), [model]);
  const [hover, setHover] = useState<{ index: number; px: number } | null>(null);
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const [d0, d1] = axes.x.domain;
    const index = nearestRow(model.rows, d0 + ((px - frame.left) / frame.width) * (d1 - d0));
    setHover(index < 0 ? null : { index, px });
  };
  const row = hover ? model.rows[hover.index] : undefined;
  const cursorX = row ? scale(axes.x, frame.left, frame.left + frame.width)(row.x) : 0;
  return (
    <div ref={box} className="gb-plot" style={{ height }}>
      {width > 0 && (
        <svg width={width} height={height} onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
          <Drawing model={model} axes={axes} xLabel={xLabel} frame={frame} strokeOf={strokeOf} />
          {row && <line className="gb-plot-cursor" x1={cursorX} x2={cursorX} y1={frame.top} y2={frame.top + frame.height} stroke="#999" />}
        </svg>
      )}
      {row && (
        <div className="gb-plot-tooltip" style={hover!.px > width / 2 ? { right: width - cursorX + 10 } : { left: cursorX + 10 }}>
          <div>
            {xLabel} {row.x}
          </div>
          {model.lines
            .filter((l) => row[l.key] !== undefined)
            .map((l) => (
              <div key={l.key} style={{ color: strokeOf(l) }}>
                {l.label}: {formatValue(row[l.key])}
              </div>
            ))}
        </div>
      )}
    </div>
  );
});
