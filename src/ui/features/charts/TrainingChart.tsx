// One chart of the training view: a caption with the latest values, then raw, smoothed, stair (lr) and dashed overlay lines.
import { memo } from "react";
import type { ChartModel, LineSpec } from "./chart-data";
import { formatValue, LinePlot } from "./LinePlot";

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
/** Past runs: muted colours, dashed, so the current run stays in front. */
const OVERLAY_COLORS = ["#64748b", "#a16207", "#be185d", "#0f766e", "#7c3aed", "#b45309"];

function strokeOf(line: LineSpec): string {
  return line.kind === "overlay" ? OVERLAY_COLORS[line.color % OVERLAY_COLORS.length] : COLORS[line.color % COLORS.length];
}

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
      <LinePlot model={model} xLabel={xLabel} height={height} strokeOf={strokeOf} />
    </figure>
  );
});
