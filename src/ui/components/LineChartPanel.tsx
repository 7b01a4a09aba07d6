// A titled Recharts line chart of prepared rows; carries data-* attributes so tests can read the curve.
import { memo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface LineChartPanelProps {
  testId: string;
  title: string;
  xLabel: string;
  /** Rows to draw; pass a throttled value: only a new `rows` redraws the plot. */
  rows: Record<string, number>[];
  /** Series names and values for the caption and data attributes (these may update more often than rows). */
  series: { name: string; lastValues: number[]; curve: number[] }[];
  pointCount: number;
  height: number;
}

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

const formatTick = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : String(+v.toPrecision(3)));

function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "–";
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

const Plot = memo(function Plot(props: { rows: Record<string, number>[]; names: string; xLabel: string; height: number }) {
  const { rows, xLabel, height } = props;
  const names = props.names.split("\n");
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          type="number"
          domain={["dataMin", "dataMax"]}
          tickFormatter={formatTick}
          fontSize={11}
          label={{ value: xLabel, position: "insideBottomRight", offset: -2, fontSize: 11 }}
        />
        <YAxis fontSize={11} width={48} tickFormatter={formatTick} domain={["auto", "auto"]} />
        <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(x) => `${xLabel} ${x}`} />
        {names.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {names.map((name, i) => (
          <Line
            key={name}
            dataKey={name}
            name={name}
            stroke={COLORS[i % COLORS.length]}
            dot={rows.length < 30}
            strokeWidth={1.6}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

export function LineChartPanel({ testId, title, xLabel, rows, series, pointCount, height }: LineChartPanelProps) {
  return (
    <figure className="gb-chart" data-testid={testId} data-points={pointCount}>
      <figcaption>
        {title}
        {series.map((s, i) => (
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
      </figcaption>
      <Plot rows={rows} names={series.map((s) => s.name).join("\n")} xLabel={xLabel} height={height} />
    </figure>
  );
}
