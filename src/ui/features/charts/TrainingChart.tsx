// One Recharts line chart of the training view: raw, smoothed, stair (lr) and dashed overlay lines; no animation.
import { memo, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartModel, LineSpec } from "./chart-data";
import { chartAxes } from "./ticks";

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
/** Past runs: muted colours, dashed, so the current run stays in front. */
const OVERLAY_COLORS = ["#64748b", "#a16207", "#be185d", "#0f766e", "#7c3aed", "#b45309"];

const formatTick = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : String(+v.toPrecision(3)));

export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "–";
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

function strokeOf(line: LineSpec): string {
  return line.kind === "overlay" ? OVERLAY_COLORS[line.color % OVERLAY_COLORS.length] : COLORS[line.color % COLORS.length];
}

const Plot = memo(function Plot({ model, xLabel, height }: { model: ChartModel; xLabel: string; height: number }) {
  // Explicit ticks, fixed domains and interval 0: Recharts then neither searches nice ticks nor measures tick labels.
  const axes = useMemo(() => chartAxes(model), [model]);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={model.rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          domain={axes.x.domain}
          ticks={axes.x.ticks}
          interval={0}
          allowDataOverflow
          tickFormatter={formatTick}
          fontSize={11}
          label={{ value: xLabel, position: "insideBottomRight", offset: -2, fontSize: 11 }}
        />
        <YAxis fontSize={11} width={48} tickFormatter={formatTick} domain={axes.y.domain} ticks={axes.y.ticks} interval={0} allowDataOverflow />
        <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(x) => `${xLabel} ${x}`} isAnimationActive={false} />
        {model.lines.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.label}
            type={line.kind === "step" ? "stepAfter" : "linear"}
            stroke={strokeOf(line)}
            strokeOpacity={line.kind === "faint" ? 0.3 : 1}
            strokeDasharray={line.kind === "overlay" ? "5 3" : undefined}
            strokeWidth={line.kind === "smoothed" ? 2 : line.kind === "faint" ? 1 : 1.5}
            dot={model.rows.length < 30 && (line.kind === "raw" || line.kind === "smoothed")}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

export interface TrainingChartProps {
  testId: string;
  title: string;
  xLabel: string;
  model: ChartModel;
  height: number;
}

/** A titled chart; its caption carries data-* attributes (latest values, curve shape) that tests read. */
export const TrainingChart = memo(function TrainingChart({ testId, title, xLabel, model, height }: TrainingChartProps) {
  const overlays = model.lines.filter((l) => l.kind === "overlay");
  return (
    <figure className="gb-chart" data-testid={testId} data-points={model.pointCount} data-overlays={overlays.length}>
      <figcaption>
        {title}
        {model.series.map((s, i) => (
          <span
            key={s.name}
            className="gb-chart-latest"
            data-series={s.name}
            data-values={s.lastValues.join(",")}
            data-curve={s.curve.join(",")}
            style={{ color: COLORS[i % COLORS.length] }}
          >
            {s.name} {formatValue(s.lastValues.at(-1))}
          </span>
        ))}
        {overlays.map((l) => (
          <span key={l.key} className="gb-chart-overlay" data-overlay={l.key} style={{ color: strokeOf(l) }}>
            ┄ {l.label}
          </span>
        ))}
      </figcaption>
      <Plot model={model} xLabel={xLabel} height={height} />
    </figure>
  );
});
