// Jupyter notebook files (nbformat 4.5): types, a forgiving parser with clear errors, and a Jupyter-style writer.

/** A string, or the same text as lines that each keep their line ending (how .ipynb files store text). */
export type MultilineString = string | string[];

/** MIME type → data; text types are multiline strings, `application/*+json` types any JSON. */
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

interface CellBase {
  /** 1-64 characters of [a-zA-Z0-9-_], unique in the notebook. */
  id: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
}
export interface CodeCell extends CellBase {
  cell_type: "code";
  outputs: Output[];
  execution_count: number | null;
}
export interface MarkdownCell extends CellBase {
  cell_type: "markdown";
  attachments?: Record<string, MimeBundle>;
}
export interface RawCell extends CellBase {
  cell_type: "raw";
  attachments?: Record<string, MimeBundle>;
}
export type Cell = CodeCell | MarkdownCell | RawCell;

export interface NotebookMetadata {
  kernelspec?: { name: string; display_name: string; [key: string]: unknown };
  language_info?: { name: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: NotebookMetadata;
  cells: Cell[];
}

/** A file that is not a notebook Gradbook can open; the message names the file and the fix. */
export class NotebookFormatError extends Error {
  override name = "NotebookFormatError";
}

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;
const OUTPUT_TYPES = ["stream", "display_data", "execute_result", "error"];

/** Joins a multiline string into one string. */
export function sourceToString(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Splits text into lines that keep their endings, like Python's `str.splitlines(True)`, which nbformat uses. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  const breaks = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push(text.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** A fresh cell id: 8 hex digits, like nbformat's uuid4().hex[:8]; getRandomValues works in every context. */
export function newCellId(): string {
  const b = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** An empty nbformat 4.5 notebook. */
export function newNotebook(cells: Cell[] = [], metadata: NotebookMetadata = {}): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isMultiline = (x: unknown): x is MultilineString =>
  typeof x === "string" || (Array.isArray(x) && x.every((l) => typeof l === "string"));

/** What parsing changed while upgrading to 4.5, so a download can give the file back as it came. */
export interface IpynbOrigin {
  /** The file's nbformat_minor (0-5). */
  nbformatMinor: number;
  /** Every cell id after parsing, in order; a cell not among them was added later. */
  cellIds: string[];
  /** The ids parsing made up (the file had none, or an invalid or duplicate one). */
  mintedIds: string[];
}

/**
 * Parses .ipynb text. Older 4.x notebooks are upgraded the way nbformat does it: missing, invalid or
 * duplicate cell ids get fresh ones and nbformat_minor becomes 5.
 */
export function parseNotebook(text: string, fileName = "notebook"): Notebook {
  return readNotebook(text, fileName).notebook;
}

/** `parseNotebook`, plus what the upgrade to 4.5 changed (see `serializeNotebook`'s `asMinor`). */
export function readNotebook(text: string, fileName = "notebook"): { notebook: Notebook; origin: IpynbOrigin } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(
      `${fileName} is not valid JSON (${(e as Error).message}); is it really a .ipynb file? ` +
        `If it was edited by hand, fix the JSON or re-save it from Jupyter.`,
    );
  }
  if (!isObject(json)) {
    throw new NotebookFormatError(`${fileName} is JSON but not a Jupyter notebook (not an object); open a .ipynb file.`);
  }
  if (!("nbformat" in json)) {
    // Without it there is no telling which format the cells are in: guessing would misread old files.
    throw new NotebookFormatError(
      `${fileName} is JSON but not a Jupyter notebook: it has no "nbformat" field. Every .ipynb file states its ` +
        `format ("nbformat": 4, "nbformat_minor": 5); re-save it from Jupyter, or add those two fields if you wrote it by hand.`,
    );
  }
  if (!("cells" in json || "worksheets" in json)) {
    throw new NotebookFormatError(`${fileName} is JSON but not a Jupyter notebook: it has no "cells" list; open a .ipynb file.`);
  }
  if (json.nbformat !== 4) {
    throw new NotebookFormatError(
      `${fileName} is nbformat ${JSON.stringify(json.nbformat)}; Gradbook reads nbformat 4. Convert it with ` +
        `\`jupyter nbconvert --to notebook --nbformat 4 ${fileName}\` or re-save it in a recent Jupyter.`,
    );
  }
  if (!Array.isArray(json.cells)) {
    throw new NotebookFormatError(`${fileName}: "cells" is not a list; the file is corrupt.`);
  }
  const minor = Number.isInteger(json.nbformat_minor) ? (json.nbformat_minor as number) : 0;
  const ids = new Set<string>();
  const minted: string[] = [];
  const cells = json.cells.map((raw, i) => parseCell(raw, `${fileName}: cell ${i + 1}`, ids, minted));
  const metadata = isObject(json.metadata) ? (json.metadata as NotebookMetadata) : {};
  const notebook: Notebook = { nbformat: 4, nbformat_minor: Math.max(minor, 5), metadata, cells };
  return { notebook, origin: { nbformatMinor: Math.min(minor, 5), cellIds: [...ids], mintedIds: minted } };
}

function parseCell(raw: unknown, where: string, ids: Set<string>, minted: string[]): Cell {
  if (!isObject(raw)) throw new NotebookFormatError(`${where} is not an object; the file is corrupt.`);
  let id = typeof raw.id === "string" && CELL_ID.test(raw.id) && !ids.has(raw.id) ? raw.id : "";
  if (!id) {
    do id = newCellId();
    while (ids.has(id));
    minted.push(id);
  }
  ids.add(id);
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  const source = raw.source ?? "";
  if (!isMultiline(source)) throw new NotebookFormatError(`${where}: "source" must be a string or a list of strings.`);
  const attachments = isObject(raw.attachments) ? { attachments: raw.attachments as Record<string, MimeBundle> } : {};
  switch (raw.cell_type) {
    case "markdown":
    case "raw":
      return { id, cell_type: raw.cell_type, metadata, source, ...attachments };
    case "code": {
      const outputs = raw.outputs ?? [];
      if (!Array.isArray(outputs)) throw new NotebookFormatError(`${where}: "outputs" is not a list.`);
      const count = raw.execution_count;
      return {
        id,
        cell_type: "code",
        metadata,
        source,
        outputs: outputs.map((o, j) => parseOutput(o, `${where}, output ${j + 1}`)),
        execution_count: Number.isInteger(count) && (count as number) >= 0 ? (count as number) : null,
      };
    }
    default:
      throw new NotebookFormatError(
        `${where} has cell_type ${JSON.stringify(raw.cell_type)}; Gradbook reads "code", "markdown" and "raw" cells.`,
      );
  }
}

function parseOutput(raw: unknown, where: string): Output {
  if (!isObject(raw) || !OUTPUT_TYPES.includes(raw.output_type as string)) {
    const got = isObject(raw) ? JSON.stringify(raw.output_type) : "not an object";
    throw new NotebookFormatError(`${where} has output_type ${got}; expected one of ${OUTPUT_TYPES.join(", ")}.`);
  }
  const bad = (field: string, what: string) =>
    new NotebookFormatError(`${where} (${raw.output_type}): "${field}" must be ${what}.`);
  switch (raw.output_type) {
    case "stream":
      if (raw.name !== "stdout" && raw.name !== "stderr") throw bad("name", `"stdout" or "stderr"`);
      if (!isMultiline(raw.text)) throw bad("text", "a string or a list of strings");
      return { output_type: "stream", name: raw.name, text: raw.text };
    case "error":
      if (typeof raw.ename !== "string" || typeof raw.evalue !== "string") throw bad("ename/evalue", "strings");
      if (!Array.isArray(raw.traceback) || !raw.traceback.every((l) => typeof l === "string")) {
        throw bad("traceback", "a list of strings");
      }
      return { output_type: "error", ename: raw.ename, evalue: raw.evalue, traceback: raw.traceback };
    default: {
      if (!isObject(raw.data)) throw bad("data", "a MIME bundle object");
      const metadata = isObject(raw.metadata) ? raw.metadata : {};
      if (raw.output_type === "display_data") return { output_type: "display_data", data: raw.data, metadata };
      const n = raw.execution_count;
      const count = Number.isInteger(n) && (n as number) >= 0 ? (n as number) : null;
      return { output_type: "execute_result", execution_count: count, data: raw.data, metadata };
    }
  }
}

// nbformat stores these MIME types as line lists; JSON types stay JSON, and base64 images stay one string.
const isLineSplitMime = (mime: string) =>
  mime.startsWith("text/") || mime === "image/svg+xml" || mime === "application/javascript";

function splitBundle(bundle: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, v] of Object.entries(bundle)) {
    out[mime] = isLineSplitMime(mime) && typeof v === "string" ? splitLines(v) : v;
  }
  return out;
}

function splitOutput(o: Output): Output {
  if (o.output_type === "stream") return { ...o, text: splitLines(sourceToString(o.text)) };
  if (o.output_type === "error") return o;
  return { ...o, data: splitBundle(o.data) };
}

function splitCell(c: Cell): Cell {
  const source = splitLines(sourceToString(c.source));
  if (c.cell_type === "code") return { ...c, source, outputs: c.outputs.map(splitOutput) };
  const attachments =
    c.attachments && Object.fromEntries(Object.entries(c.attachments).map(([k, b]) => [k, splitBundle(b)]));
  return attachments ? { ...c, source, attachments } : { ...c, source };
}

/** Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False), as nbformat writes notebooks. */
function dump(value: unknown, indent: string): string {
  const inner = indent + " ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + dump(v ?? null, inner)).join(",\n")}\n${indent}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    if (keys.length === 0) return "{}";
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${dump(value[k], inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Serializes like Jupyter: sorted keys, 1-space indent, text as line lists, trailing newline. `asMinor` below 5
 * writes that nbformat_minor and leaves out the cell ids in `dropIds` (ids parsing made up for an older file).
 */
export function serializeNotebook(nb: Notebook, asMinor?: { minor: number; dropIds: ReadonlySet<string> }): string {
  let cells: Array<Omit<Cell, "id"> & { id?: string }> = nb.cells.map(splitCell);
  if (asMinor && asMinor.minor < 5) cells = cells.map(({ id, ...c }) => (asMinor.dropIds.has(id!) ? c : { id, ...c }));
  const minor = asMinor && asMinor.minor < 5 ? asMinor.minor : nb.nbformat_minor;
  return dump({ ...nb, nbformat_minor: minor, cells }, "") + "\n";
}
