// Valibot schemas of Gradbook's own MIME payloads and run-history records, as the renderers need them to be.
import * as v from "valibot";

/** JSON writes NaN and ±Infinity as null: a saved loss curve that hit NaN still loads. */
const num = v.nullable(v.number());
const numbers = v.array(num);
const hparams = v.record(v.string(), v.nullable(v.union([v.number(), v.string(), v.boolean()])));

const metricPoint = v.looseObject({
  name: v.string(),
  step: num,
  value: num,
  axis: v.picklist(["step", "epoch"]),
});

const loopProgress = v.looseObject({
  id: v.string(),
  label: v.string(),
  pass: v.number(),
  index: v.number(),
  total: v.number(),
  depth: v.optional(v.number()),
  samples: v.optional(v.number()),
  elapsedMs: v.optional(v.number()),
  state: v.optional(v.picklist(["running", "done", "interrupted"])),
});

/** A live training chart (`ChartPayload`). */
export const chartSchema = v.looseObject({
  points: v.array(metricPoint),
  loops: v.optional(v.array(loopProgress)),
  hparams: v.optional(hparams),
});

/** A `plot()` chart (`PlotPayload`): same MIME type as the live chart, told apart by `series`. */
export const plotSchema = v.looseObject({
  kind: v.optional(v.picklist(["line", "scatter"])),
  title: v.optional(v.string()),
  xLabel: v.optional(v.string()),
  yLabel: v.optional(v.string()),
  series: v.array(v.looseObject({ name: v.string(), x: numbers, y: numbers })),
});

export const progressSchema = v.looseObject({ label: v.string(), loaded: v.number(), total: v.number() });

export const drawPadSchema = v.looseObject({ widgetId: v.string(), classes: v.array(v.string()) });

/** One record of `cell.metadata.gradbook_runs` (`RunRecord`). */
export const runRecordSchema = v.looseObject({
  id: v.string(),
  n: v.number(),
  name: v.optional(v.string()),
  startedAt: num,
  elapsedMs: num,
  ok: v.boolean(),
  code: v.string(),
  hparams,
  curves: v.array(v.looseObject({ name: v.string(), axis: v.picklist(["step", "epoch"]), x: numbers, y: numbers })),
  ticked: v.optional(v.boolean()),
});

/** "series[0].name: Invalid type: Expected string but received undefined" — the first problem, where it is. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return "invalid";
  const path = (issue.path ?? [])
    .map((p) => (typeof p.key === "number" ? `[${p.key}]` : `.${String(p.key)}`))
    .join("")
    .replace(/^\./, "");
  return path ? `${path}: ${issue.message}` : issue.message;
}
