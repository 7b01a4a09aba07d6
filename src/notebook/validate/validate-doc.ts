// Load-time check of a notebook's Gradbook payloads (charts, plots, progress, draw pads, run history) and output depth:
// what does not validate is dropped, and each drop comes back as a note the page shows.
import * as v from "valibot";
import { jsonDepth } from "../../lib/json-depth";
import { RUNS_KEY } from "../run-history";
import { CHART_MIME, DRAWPAD_MIME, isPlotPayload, PROGRESS_MIME, type Cell, type NotebookDoc, type Output } from "../types";
import { chartSchema, drawPadSchema, firstIssue, plotSchema, progressSchema, runRecordSchema } from "./schemas";

/**
 * Output values nested deeper than this are dropped: JSON.stringify (autosave, download) overflows the stack near
 * 10,000 levels, and no real output comes close to 500.
 */
export const MAX_OUTPUT_DEPTH = 500;

type Bundle = Record<string, unknown>;

/** Why a Gradbook MIME value cannot be rendered, or null when it can (other MIME types are not ours to judge). */
export function bundleProblem(mime: string, value: unknown): string | null {
  let result: v.SafeParseResult<v.GenericSchema> | null = null;
  if (mime === CHART_MIME) result = v.safeParse(isPlotPayload(value) ? plotSchema : chartSchema, value);
  else if (mime === PROGRESS_MIME) result = v.safeParse(progressSchema, value);
  else if (mime === DRAWPAD_MIME) result = v.safeParse(drawPadSchema, value);
  return result && !result.success ? firstIssue(result.issues) : null;
}

function checkBundle(data: Bundle, where: string, notes: string[]): Bundle {
  let out: Bundle | null = null;
  for (const [mime, value] of Object.entries(data)) {
    const deep = jsonDepth(value, MAX_OUTPUT_DEPTH) > MAX_OUTPUT_DEPTH;
    const problem = deep ? `nested deeper than ${MAX_OUTPUT_DEPTH} levels` : bundleProblem(mime, value);
    if (problem === null) continue;
    out ??= { ...data };
    delete out[mime];
    notes.push(`${where}: ${mime} dropped (${problem})`);
  }
  if (!out) return data;
  // An output with nothing left says what it was, where it was, so the cell does not look as if it never ran.
  if (Object.keys(out).length === 0) out["text/plain"] = `[output dropped: ${notes.at(-1)!.slice(where.length + 2)}]`;
  return out;
}

function checkOutput(o: Output, where: string, notes: string[]): Output {
  if (o.output_type !== "display_data" && o.output_type !== "execute_result") return o;
  const data = checkBundle(o.data, where, notes);
  const deepMeta = jsonDepth(o.metadata, MAX_OUTPUT_DEPTH) > MAX_OUTPUT_DEPTH;
  if (deepMeta) notes.push(`${where}: output metadata dropped (nested deeper than ${MAX_OUTPUT_DEPTH} levels)`);
  return data === o.data && !deepMeta ? o : { ...o, data, metadata: deepMeta ? {} : o.metadata };
}

function checkRuns(metadata: Record<string, unknown>, where: string, notes: string[]): Record<string, unknown> {
  if (!(RUNS_KEY in metadata)) return metadata;
  const runs = metadata[RUNS_KEY];
  if (!Array.isArray(runs)) {
    const rest = { ...metadata };
    delete rest[RUNS_KEY];
    notes.push(`${where}: run history dropped (${RUNS_KEY} is not a list)`);
    return rest;
  }
  const kept = runs.filter((run, i) => {
    const result = v.safeParse(runRecordSchema, run);
    if (!result.success) notes.push(`${where}: run history record ${i + 1} dropped (${firstIssue(result.issues)})`);
    return result.success;
  });
  return kept.length === runs.length ? metadata : { ...metadata, [RUNS_KEY]: kept };
}

function checkCell(cell: Cell, index: number, notes: string[]): Cell {
  const where = `cell ${index + 1}`;
  const outputs = cell.outputs.map((o, k) => checkOutput(o, cell.outputs.length > 1 ? `${where}, output ${k + 1}` : where, notes));
  const metadata = checkRuns(cell.metadata, where, notes);
  const same = metadata === cell.metadata && outputs.every((o, k) => o === cell.outputs[k]);
  return same ? cell : { ...cell, outputs, metadata };
}

/**
 * The document with every Gradbook payload and run-history record that does not validate removed, plus one note per
 * removal ("cell 3: application/vnd.gradbook.chart+json dropped (points: …)"). Unchanged input comes back as is.
 */
export function validateDoc(doc: NotebookDoc): { doc: NotebookDoc; notes: string[] } {
  const notes: string[] = [];
  const cells = doc.cells.map((c, i) => checkCell(c, i, notes));
  const same = cells.every((c, i) => c === doc.cells[i]);
  return { doc: same ? doc : { ...doc, cells }, notes };
}
