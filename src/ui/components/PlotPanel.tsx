// A static line or scatter chart from plot(): one Recharts chart, each series with its own x values.
import { memo } from "react";
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { PlotPayload } from "../../notebook/types";

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
/** Scatter dots are SVG nodes: past this many per series, every k-th point is drawn. */
const MAX_DOTS = 2000;

const tick = (v: number) => (Math.abs(v) >= 1000 ? `${+(v / 1000).toPrecision(3)}k` : String(+Number(v).toPrecision(3)));

function points(x: number[], y: number[], max: number): { x: number; y: number | null }[] {
  const stride = Math.max(1, Math.ceil(x.length / max));
  const out: { x: number; y: number | null }[] = [];
  for (let i = 0; i < x.length; i += stride) out.push({ x: x[i], y: y[i] });
  return out;
}

export const PlotPanel = memo(function PlotPanel({ payload }: { payload: PlotPayload }) {
  const { kind, title, xLabel, yLabel, series } = payload;
  const total = series.reduce((n, s) => n + s.y.length, 0);
  return (
    <figure className="gb-chart gb-plot" data-testid="output-plot" data-kind={kind} data-points={total} data-series={series.map((s) => s.name).join(",")}>
      {title && <figcaption>{title}</figcaption>}
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: xLabel ? 14 : 4, left: yLabel ? 8 : 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={tick}
            fontSize={11}
            allowDuplicatedCategory={false}
            label={xLabel ? { value: xLabel, position: "insideBottom", offset: -8, fontSize: 11 } : undefined}
          />
          <YAxis
            dataKey="y"
            type="number"
            domain={["auto", "auto"]}
            tickFormatter={tick}
            fontSize={11}
            width={52}
            label={yLabel ? { value: yLabel, angle: -90, position: "insideLeft", fontSize: 11 } : undefined}
          />
          <Tooltip formatter={(v) => (typeof v === "number" ? +v.toPrecision(5) : String(v))} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, i) =>
            kind === "scatter" ? (
              <Scatter key={s.name + i} name={s.name} data={points(s.x, s.y, MAX_DOTS)} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
            ) : (
              <Line
                key={s.name + i}
                name={s.name}
                data={points(s.x, s.y, Infinity)}
                dataKey="y"
                stroke={COLORS[i % COLORS.length]}
                dot={s.y.length <= 40}
                strokeWidth={1.8}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
});
