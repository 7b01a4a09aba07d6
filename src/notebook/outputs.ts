// Pure helpers that fold kernel messages into a cell's output list (streams merge, charts and progress update in place).
import type { MetricPoint } from "../kernel/protocol";
import { CHART_MIME, PROGRESS_MIME, type ChartPayload, type Output, type ProgressPayload } from "./types";

/**
 * Applies terminal carriage returns the way Jupyter does: text after a `\r` overwrites its line.
 * Training loops print `\rstep 10/938` to redraw one line instead of printing a thousand.
 */
export function applyCarriageReturns(text: string): string {
  if (!text.includes("\r")) return text;
  // A trailing "\r" must survive: the next chunk of the stream overwrites the line it ends.
  const pending = /\r+$/.test(text);
  const body = text
    .replace(/\r+$/, "")
    .replace(/\r+\n/g, "\n")
    .split("\n")
    .map((line) => {
      let out = "";
      for (const part of line.split(/\r+/)) out = part + out.slice(part.length);
      return out;
    })
    .join("\n");
  return pending ? body + "\r" : body;
}

/** Appends an output; consecutive text on the same stream joins one output, as in Jupyter. */
export function appendOutput(outputs: Output[], output: Output): Output[] {
  const last = outputs[outputs.length - 1];
  if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
    const merged: Output = { ...last, text: applyCarriageReturns(last.text + output.text) };
    return [...outputs.slice(0, -1), merged];
  }
  if (output.output_type === "stream") return [...outputs, { ...output, text: applyCarriageReturns(output.text) }];
  return [...outputs, output];
}

function isChart(o: Output): o is Extract<Output, { output_type: "display_data" }> {
  return o.output_type === "display_data" && CHART_MIME in o.data && o.metadata.live === true;
}

/** Adds metric points to the run's live chart output, creating it on the first batch. */
export function appendMetrics(outputs: Output[], points: MetricPoint[]): Output[] {
  if (points.length === 0) return outputs;
  const index = outputs.findIndex(isChart);
  if (index < 0) {
    const payload: ChartPayload = { points: [...points] };
    return [...outputs, { output_type: "display_data", data: { [CHART_MIME]: payload }, metadata: { live: true } }];
  }
  const chart = outputs[index] as Extract<Output, { output_type: "display_data" }>;
  const previous = (chart.data[CHART_MIME] as ChartPayload).points;
  const payload: ChartPayload = { points: previous.concat(points) };
  const next = [...outputs];
  next[index] = { ...chart, data: { ...chart.data, [CHART_MIME]: payload } };
  return next;
}

/** Updates the progress bar with the same label in place, or appends a new one. */
export function upsertProgress(outputs: Output[], progress: ProgressPayload): Output[] {
  const index = outputs.findIndex(
    (o) => o.output_type === "display_data" && (o.data[PROGRESS_MIME] as ProgressPayload | undefined)?.label === progress.label,
  );
  const output: Output = {
    output_type: "display_data",
    data: { [PROGRESS_MIME]: { ...progress } },
    metadata: {},
  };
  if (index < 0) return [...outputs, output];
  const next = [...outputs];
  next[index] = output;
  return next;
}
