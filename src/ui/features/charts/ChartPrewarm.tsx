// Draws one hidden throwaway Recharts chart (two y-axes, raw + smoothed lines, a partial dot) while the page is idle
// after opening, so the first live chart of a training run does not pay for compiling and first-running the chart code.
import { useEffect, useState } from "react";
import type { MetricPoint } from "../../../kernel/protocol";
import { buildChart } from "./chart-data";
import type { ChartWords } from "./series-labels";
import { TrainingChart } from "./TrainingChart";
import "./charts.css";

const SAMPLE_POINTS: MetricPoint[] = [
  ...Array.from({ length: 60 }, (_, i) => ({ name: "loss", step: i + 1, value: 2 / (1 + i / 10), axis: "step" as const })),
  ...Array.from({ length: 6 }, (_, i) => ({ name: "acc", step: (i + 1) * 10, value: 0.5 + i / 15, axis: "step" as const })),
  { name: "acc", step: 61, value: 0.9, axis: "step", partial: true },
];
const SAMPLE = buildChart(SAMPLE_POINTS, "step", { smoothing: 0.6 });
const WORDS: ChartWords = {
  loss: "loss",
  epochLoss: "loss (epoch mean)",
  testAccuracy: "test accuracy",
  trainAccuracy: "train accuracy",
  validationAccuracy: "validation accuracy",
  lr: "lr",
  earlierRun: "earlier run",
  partial: "partial",
  smoothed: "(smoothed)",
};
const LABELS = { x: "step", left: "loss", right: "accuracy %" };

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
      <TrainingChart testId="chart-prewarm" title="" labels={LABELS} words={WORDS} model={SAMPLE} height={120} />
    </div>
  );
}
