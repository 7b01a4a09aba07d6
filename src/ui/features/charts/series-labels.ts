// Legend, tooltip and axis words of the training charts in the UI language: the kernel's own series names are
// translated, a name the learner logged is shown as written.
import type { LineSpec } from "./chart-data";

export interface ChartWords {
  loss: string;
  epochLoss: string;
  testAccuracy: string;
  trainAccuracy: string;
  validationAccuracy: string;
  lr: string;
  earlierRun: string;
  partial: string;
  /** "(smoothed)" */
  smoothed: string;
}

/** A series' label: "loss (epoch mean)" → "손실 (에포크 평균)" in Korean; "lr (group 2)" keeps its suffix. */
export function seriesLabel(name: string, w: ChartWords): string {
  switch (name) {
    case "loss":
      return w.loss;
    case "loss (epoch mean)":
      return w.epochLoss;
    case "test accuracy":
      return w.testAccuracy;
    case "train accuracy":
      return w.trainAccuracy;
    case "validation accuracy":
      return w.validationAccuracy;
    case "lr":
      return w.lr;
  }
  const lr = /^lr (\(.*\))$/.exec(name);
  return lr ? `${w.lr} ${lr[1]}` : name;
}

/** A drawn line's label: smoothed lines say so, an earlier run's overlay names its run ("run 1: loss (earlier run)"). */
export function lineLabel(line: LineSpec, w: ChartWords): string {
  const base = seriesLabel(line.name, w);
  if (line.kind === "smoothed") return `${base} ${w.smoothed}`;
  if (line.kind === "overlay") return `${line.run}: ${base} (${w.earlierRun})`;
  return base;
}
