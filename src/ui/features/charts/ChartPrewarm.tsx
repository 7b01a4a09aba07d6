// Draws one hidden throwaway chart while the page is idle after opening, so the first live chart of a training run
// does not pay for compiling the chart code (a cold first mount is the costliest render of a run).
import { useEffect, useState } from "react";
import { buildChart } from "./chart-data";
import { TrainingChart } from "./TrainingChart";
import "./charts.css";

const SAMPLE = buildChart(
  Array.from({ length: 60 }, (_, i) => ({ name: "loss", step: i + 1, value: 2 / (1 + i / 10), axis: "step" as const })),
  "step",
  { smoothing: 0.6 },
);

type Idle = (cb: () => void, opts?: { timeout: number }) => number;

/** Mounts nothing visible: after the first idle moment, a hidden chart for half a second, then nothing. */
export function ChartPrewarm() {
  const [phase, setPhase] = useState<"wait" | "draw" | "done">("wait");
  useEffect(() => {
    if (phase === "wait") {
      const idle = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback;
      const id = idle ? idle(() => setPhase("draw"), { timeout: 4000 }) : window.setTimeout(() => setPhase("draw"), 1500);
      return () => (idle ? cancelIdleCallback(id) : clearTimeout(id));
    }
    if (phase === "draw") {
      const id = window.setTimeout(() => setPhase("done"), 500);
      return () => clearTimeout(id);
    }
  }, [phase]);
  if (phase !== "draw") return null;
  return (
    <div className="gb-chart-prewarm" aria-hidden>
      <TrainingChart testId="chart-prewarm" title="" xLabel="step" model={SAMPLE} height={120} />
    </div>
  );
}
