// table(rows) / display(arrayOfObjects): a MIME bundle with an HTML table and an aligned text fallback (like pandas).
import type { MimeBundle } from "../protocol";
import { str } from "../runtime/format";
import { isPlainObject, isTensorLike } from "./values";

export interface TableOptions {
  /** Column order and names; by default the keys of the rows, in order of first appearance. */
  columns?: string[];
  /** Rows shown before "… N more rows" (default 200). */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 200;

/** True when display() should draw a table: a non-empty array whose items are all plain objects. */
export function isTableLike(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

/** Builds the bundle; throws a TypeError that names the fix when `rows` is not tabular. */
export function tableBundle(rows: unknown, opts: TableOptions = {}): MimeBundle {
  const { header, body, total } = tabulate(rows, opts);
  const more = total - body.length;
  const note = more > 0 ? `… ${more} more row${more === 1 ? "" : "s"} (${total} in all)` : "";
  return { "text/html": toHtml(header, body, note), "text/plain": toText(header, body, note) };
}

function tabulate(rows: unknown, opts: TableOptions): { header: string[]; body: string[][]; total: number } {
  if (!Array.isArray(rows)) {
    throw new TypeError(`table() takes an array of rows, e.g. table([{ epoch: 1, loss: 0.3 }]); got ${str(rows).slice(0, 60)}`);
  }
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new TypeError(`table(): maxRows must be a positive integer; got ${str(maxRows)}`);
  const shown = rows.slice(0, maxRows);
  if (rows.every((r) => Array.isArray(r))) {
    const width = Math.max(0, ...rows.map((r: unknown[]) => r.length));
    const header = opts.columns ?? Array.from({ length: width }, (_, i) => String(i));
    return { header, body: shown.map((r: unknown[]) => header.map((_, i) => cellText(r[i]))), total: rows.length };
  }
  const bad = rows.findIndex((r) => !isPlainObject(r));
  if (bad >= 0) {
    throw new TypeError(`table(): row ${bad} is ${str(rows[bad]).slice(0, 40)}; every row must be an object like { epoch: 1, loss: 0.3 } (or every row an array)`);
  }
  const header = opts.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
  const body = shown.map((r) => header.map((k) => cellText((r as Record<string, unknown>)[k])));
  return { header, body, total: rows.length };
}

/** Numbers to 6 significant digits (pandas' default), one-element tensors as their value, the rest via str(). */
function cellText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(+v.toPrecision(6));
  if (isTensorLike(v) && v.shape.reduce((a, b) => a * b, 1) === 1) return cellText((v as unknown as { item(): number }).item());
  return str(v);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isNumeric = (s: string) => s !== "" && !Number.isNaN(Number(s));

function toHtml(header: string[], body: string[][], note: string): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const tr = body
    .map((row) => `<tr>${row.map((c) => `<td${isNumeric(c) ? ' class="gb-num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("");
  const caption = note ? `<caption>${escapeHtml(note)}</caption>` : "";
  return `<table class="gb-table">${caption}<thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function toText(header: string[], body: string[][], note: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  // Numeric columns, headers included, align right like pandas.
  const right = header.map((_, i) => body.length > 0 && body.every((r) => r[i] === "" || isNumeric(r[i])));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const lines = [line(header), ...body.map(line)];
  return note ? [...lines, note].join("\n") : lines.join("\n");
}
