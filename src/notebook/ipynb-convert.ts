// Converts between the notebook document model and nbformat 4.5 (parsing and writing live in src/io/ipynb.ts).
import {
  newNotebook,
  readNotebook,
  serializeNotebook,
  sourceToString,
  type Cell as IpynbCell,
  type IpynbOrigin,
  type Notebook as Ipynb,
  type Output as IpynbOutput,
} from "../io/ipynb";
import type { MimeBundle } from "../kernel/protocol";
import { makeCell, makeNotebook } from "./cells";
import { CHART_MIME, isPlotPayload, PROGRESS_MIME, type ChartPayload, type Cell, type NotebookDoc, type Output, type PlotPayload } from "./types";

/** Text and image MIME types arrive as lists of lines in .ipynb; join them so renderers get one string. JSON stays JSON. */
function joinBundle(data: Record<string, unknown>): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    const isLines = Array.isArray(value) && value.every((v) => typeof v === "string");
    out[mime] = isLines && !mime.endsWith("json") ? value.join("") : value;
  }
  return out;
}

/** `live` marks the chart a run is still appending to; it means nothing outside this page. */
function withoutLive(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const copy = { ...(metadata ?? {}) };
  delete copy.live;
  return copy;
}

function outputFromIpynb(o: IpynbOutput): Output | null {
  switch (o.output_type) {
    case "stream":
      return { output_type: "stream", name: o.name === "stderr" ? "stderr" : "stdout", text: sourceToString(o.text) };
    case "display_data":
      return { output_type: "display_data", data: joinBundle(o.data), metadata: withoutLive(o.metadata) };
    case "execute_result":
      return { output_type: "execute_result", data: joinBundle(o.data), metadata: { ...o.metadata }, execution_count: o.execution_count };
    case "error":
      return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: [...o.traceback] };
    default:
      return null;
  }
}

function cellFromIpynb(c: IpynbCell): Cell | null {
  const source = sourceToString(c.source);
  const init = { metadata: { ...(c.metadata ?? {}) }, ...(typeof c.id === "string" && c.id ? { id: c.id } : {}) };
  if (c.cell_type === "code") {
    const outputs = c.outputs.map(outputFromIpynb).filter((o): o is Output => o !== null);
    return makeCell("code", source, { ...init, outputs, executionCount: c.execution_count ?? null });
  }
  // Markdown and raw cells keep their attachments exactly as the file had them (pasted images, `attachment:x.png`).
  const attachments = c.attachments ? { attachments: c.attachments } : {};
  return makeCell(c.cell_type === "raw" ? "raw" : "markdown", source, { ...init, ...attachments });
}

/** Where Gradbook's own stored copy keeps `NotebookDoc.origin`; never in a downloaded file. */
const ORIGIN_KEY = "gradbook_ipynb_origin";

const isOrigin = (x: unknown): x is IpynbOrigin => {
  const o = x as IpynbOrigin;
  const strings = (a: unknown) => Array.isArray(a) && a.every((v) => typeof v === "string");
  return typeof x === "object" && x !== null && Number.isInteger(o.nbformatMinor) && strings(o.cellIds) && strings(o.mintedIds);
};

export function docFromIpynb(nb: Ipynb, origin?: IpynbOrigin): NotebookDoc {
  const cells = nb.cells.map(cellFromIpynb).filter((c): c is Cell => c !== null);
  const { [ORIGIN_KEY]: stored, ...metadata } = nb.metadata;
  const doc = makeNotebook(cells, metadata);
  const maxCount = Math.max(0, ...cells.map((c) => c.executionCount ?? 0));
  // A copy Gradbook stored says how the file it came from looked; a file straight from disk says it itself.
  const from = isOrigin(stored) ? stored : origin;
  return { ...doc, nextExecutionCount: maxCount + 1, ...(from && from.nbformatMinor < 5 ? { origin: from } : {}) };
}

function outputToIpynb(o: Output): IpynbOutput | null {
  switch (o.output_type) {
    case "stream":
      return { output_type: "stream", name: o.name, text: o.text.replace(/\r$/, "") };
    case "error":
      // nbformat forbids extra keys on error outputs: line/column stay in Gradbook.
      return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: o.traceback };
    case "execute_result":
      return { output_type: "execute_result", data: o.data, metadata: o.metadata, execution_count: o.execution_count };
    case "display_data": {
      if (PROGRESS_MIME in o.data) return null; // transient, meaningless once saved
      const data: MimeBundle = { ...o.data };
      const chart = data[CHART_MIME] as ChartPayload | PlotPayload | undefined;
      if (chart && !("text/plain" in data)) {
        // A plot() chart always carries its own text; one from elsewhere may not, so name its series here.
        const points = isPlotPayload(chart) ? chart.series.flatMap((s) => s.y.map(() => ({ name: s.name }))) : (chart.points ?? []);
        const names = [...new Set(points.map((p) => p.name))];
        data["text/plain"] = `Chart: ${names.join(", ")} (${points.length} points)`;
      }
      return { output_type: "display_data", data, metadata: withoutLive(o.metadata) };
    }
  }
}

export function docToIpynb(doc: NotebookDoc): Ipynb {
  const cells = doc.cells.map((c): IpynbCell => {
    if (c.type !== "code") {
      const attachments = c.attachments ? { attachments: c.attachments } : {};
      return { id: c.id, cell_type: c.type, metadata: c.metadata, source: c.source, ...attachments };
    }
    const outputs = c.outputs.map(outputToIpynb).filter((o): o is IpynbOutput => o !== null);
    return {
      id: c.id,
      cell_type: "code",
      metadata: c.metadata,
      source: c.source,
      outputs,
      execution_count: c.executionCount,
    };
  });
  return newNotebook(cells, doc.metadata);
}

/** The nbformat 4.5 form Gradbook stores (IndexedDB): `docToIpynb`, plus the origin under a metadata key. */
export function docToStoredIpynb(doc: NotebookDoc): Ipynb {
  const nb = docToIpynb(doc);
  return doc.origin ? { ...nb, metadata: { ...nb.metadata, [ORIGIN_KEY]: doc.origin } } : nb;
}

/** Parses .ipynb text into a document; throws the parser's error (which names the file) on bad input. */
export function openNotebook(text: string, fileName?: string): NotebookDoc {
  const { notebook, origin } = readNotebook(text, fileName);
  return docFromIpynb(notebook, origin);
}

/**
 * Writes a document as .ipynb text. A file opened as nbformat 4.0-4.4 is written back in its own minor version
 * without the ids Gradbook gave its cells, unless a cell was added since (then it is 4.5, ids and all).
 */
export function saveNotebook(doc: NotebookDoc): string {
  const nb = docToIpynb(doc);
  const origin = doc.origin;
  const known = new Set(origin?.cellIds ?? []);
  if (!origin || origin.nbformatMinor >= 5 || !doc.cells.every((c) => known.has(c.id))) return serializeNotebook(nb);
  return serializeNotebook(nb, { minor: origin.nbformatMinor, dropIds: new Set(origin.mintedIds) });
}
