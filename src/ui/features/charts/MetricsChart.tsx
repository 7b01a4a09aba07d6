// Live training charts from metric points: per-step series on one chart, per-epoch series on a second, small one.
import { useMemo } from "react";
import type { MetricPoint } from "../../../kernel/protocol";
import { LineChartPanel } from "../../components/LineChartPanel";
import { useThrottledValue } from "../../hooks/use-throttled-value";
import { buildChart } from "./chart-data";

/** Redraws at most 4 times a second, however fast metrics arrive: Recharts re-renders are the page's cost. */
const REDRAW_MS = 250;

export function MetricsChart({ points }: { points: MetricPoint[] }) {
  const shown = useThrottledValue(points, REDRAW_MS);
  const step = useMemo(() => buildChart(shown, "step"), [shown]);
  const epoch = useMemo(() => buildChart(shown, "epoch"), [shown]);
  return (
    <div className="gb-charts">
      {step.pointCount > 0 && (
        <LineChartPanel
          testId="chart-loss"
          title="Training"
          xLabel="step"
          rows={step.rows}
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
          rows={epoch.rows}
          series={epoch.series}
          pointCount={epoch.pointCount}
          height={150}
        />
      )}
    </div>
  );
}
