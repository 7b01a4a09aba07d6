// Live training charts from metric points: per-step series on one chart, per-epoch series on a second, small one.
import { memo, useMemo } from "react";
import type { MetricPoint } from "../../../kernel/protocol";
import { LineChartPanel } from "../../components/LineChartPanel";
import { useThrottledValue } from "../../hooks/use-throttled-value";
import { buildChart } from "./chart-data";

/** Redraws at most 4 times a second, however fast metrics arrive: Recharts re-renders are the page's cost. */
const REDRAW_MS = 250;

/**
 * Captions and data attributes follow every batch (cheap, and exact when the run ends); the plots redraw from a
 * throttled copy of the rows.
 */
export const MetricsChart = memo(function MetricsChart({ points }: { points: MetricPoint[] }) {
  const step = useMemo(() => buildChart(points, "step"), [points]);
  const epoch = useMemo(() => buildChart(points, "epoch"), [points]);
  const stepRows = useThrottledValue(step.rows, REDRAW_MS);
  const epochRows = useThrottledValue(epoch.rows, REDRAW_MS);
  return (
    <div className="gb-charts">
      {step.pointCount > 0 && (
        <LineChartPanel
          testId="chart-loss"
          title="Training"
          xLabel="step"
          rows={stepRows}
          series={step.series}
          pointCount={step.pointCount}
          height={220}
        />
      )}
      {epoch.pointCount > 0 && (
        <LineChartPanel
          testId="chart-epoch"
          title="Per epoch"
          xLabel="epoch"
          rows={epochRows}
          series={epoch.series}
          pointCount={epoch.pointCount}
          height={150}
        />
      )}
    </div>
  );
});
