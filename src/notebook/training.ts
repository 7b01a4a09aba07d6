// Folds a run's metrics messages into its live training output: chart points, progress bars, hyperparameters.
import type { HParams, LoopProgress, MetricPoint } from "../kernel/protocol";
import { CHART_MIME, type ChartPayload, type Output } from "./types";

type Display = Extract<Output, { output_type: "display_data" }>;

/** The live chart of the current run (the one metrics messages append to). */
export function isLiveChart(o: Output): o is Display {
  return o.output_type === "display_data" && CHART_MIME in o.data && o.metadata.live === true;
}

/** Adds points, replaces progress snapshots by loop id, and sets hyperparameters; creates the output on first use. */
export function appendTraining(outputs: Output[], points: MetricPoint[], loops?: LoopProgress[], hparams?: HParams): Output[] {
  if (points.length === 0 && !loops?.length && !hparams) return outputs;
  const index = outputs.findIndex(isLiveChart);
  const previous = index < 0 ? undefined : ((outputs[index] as Display).data[CHART_MIME] as ChartPayload);
  const payload: ChartPayload = { points: previous ? (points.length ? previous.points.concat(points) : previous.points) : [...points] };
  const mergedLoops = mergeLoops(previous?.loops, loops);
  if (mergedLoops) payload.loops = mergedLoops;
  const hp = hparams ?? previous?.hparams;
  if (hp) payload.hparams = hp;
  if (index < 0) return [...outputs, { output_type: "display_data", data: { [CHART_MIME]: payload }, metadata: { live: true } }];
  const chart = outputs[index] as Display;
  const next = [...outputs];
  next[index] = { ...chart, data: { ...chart.data, [CHART_MIME]: payload } };
  return next;
}

function mergeLoops(previous: LoopProgress[] | undefined, update: LoopProgress[] | undefined): LoopProgress[] | undefined {
  if (!update?.length) return previous;
  const byId = new Map((previous ?? []).map((l) => [l.id, l]));
  for (const l of update) byId.set(l.id, l);
  return [...byId.values()];
}
