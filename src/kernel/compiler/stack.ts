// Reads JS stack traces: finds frames inside cell code (file `cell-<tag>.ts`) and builds a short traceback.
import { makeCellFunction, type CellRuntime } from "./compile-cell";

/** One parsed stack frame; `fn` is "" for anonymous/top-level code. */
export interface Frame {
  fn: string;
  file: string;
  line: number;
  column: number;
}

// V8: "    at fn (file:1:2)", "    at file:1:2", "    at async fn (file:1:2)".
const V8_FRAME = /^\s*at (?:async )?(?:(.*?) \()?(.+?):(\d+):(\d+)\)?\s*$/;
// Firefox / Safari: "fn@file:1:2".
const AT_FRAME = /^(.*?)@(.+?):(\d+):(\d+)\s*$/;
const CELL_FILE = /(?:^|[/\s(])cell-([A-Za-z0-9_-]+)\.ts$/;
// Engines that ignore sourceURL in stacks name dynamic-function code like this.
const ANON_FUNCTION_FILE = /> (?:Function|eval)$|^(?:Function|eval) code$/;

/** Frames, innermost first; lines that are not frames (the message, "at <anonymous>") are skipped. */
export function parseStack(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const text of stack.split("\n")) {
    const m = V8_FRAME.exec(text) ?? AT_FRAME.exec(text);
    if (!m) continue;
    frames.push({ fn: m[1] ?? "", file: m[2], line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}

/** The cell tag of a frame's file, `"?"` for unnamed dynamic code, undefined for library code. */
export function cellTagOf(frame: Frame): string | undefined {
  const m = CELL_FILE.exec(frame.file);
  if (m) return m[1];
  return ANON_FUNCTION_FILE.test(frame.file) ? "?" : undefined;
}

/** Where cell line 1 column 1 lands in the engine's stack frames, measured once, never assumed. */
export interface FrameOffsets {
  /** Stack line = cell line + lineOffset. */
  lineOffset: number;
  /** Stack column of a token at cell column 0. */
  columnBase: number;
}

let offsets: Promise<FrameOffsets | null> | undefined;

const probeRuntime: CellRuntime = { declare: () => {}, importFrom: () => ({}), tick: () => {} };

/** Compiles a probe exactly like a cell, with `new Error()` at cell line 2, column 0, and reads its frame. */
export function frameOffsets(): Promise<FrameOffsets | null> {
  offsets ??= (async () => {
    const { fn } = makeCellFunction("", "return [\nnew Error()]", "probe");
    const ret = (await fn({}, probeRuntime)) as unknown[];
    const err = ret[0] as Error;
    const frame = parseStack(err.stack ?? "").find((f) => cellTagOf(f) !== undefined);
    return frame ? { lineOffset: frame.line - 2, columnBase: frame.column } : null;
  })();
  return offsets;
}

/** A frame's function name as a reader wants it: "" for top-level cell code, no `Object.` noise. */
export function frameName(frame: Frame): string {
  // "self.forward": V8 names a method called through the module's call wrapper by that variable; Python says "forward".
  const fn = frame.fn.replace(/^(?:async |Object\.|self\.)/, "").replace(/ \[as [^\]]*\]$/, "");
  return fn === "eval" || fn === "anonymous" || fn === "<anonymous>" ? "" : fn;
}

const MAX_LIBRARY_FRAMES = 3;

/** What the kernel knows of a compiled cell, to map its frames back to its TypeScript and quote its lines. */
export interface CellSource {
  /** Compiled-code position → 1-based line and column in the cell (the cell's position map). */
  toCell(line: number, column0: number): { line: number; column: number };
  /** The cell's TypeScript, as run. */
  source: string;
}

/** Latest compiled source per cell tag, so a frame in an earlier cell (a model's `forward`) reads right too. */
export class CellSources {
  private readonly byTag = new Map<string, CellSource>();
  note(tag: string, cell: CellSource): void {
    this.byTag.set(tag, cell);
  }
  get(tag: string): CellSource | undefined {
    return this.byTag.get(tag);
  }
}

/** Engine frames: one line each, `  in <name>`, and the count of the rest; the page hides them unless asked (Jupyter hides library frames too). */
export const ENGINE_FRAME_LINE = /^ {2}(?:in |… \d+ more frames inside the library)/;

/**
 * Python-style traceback, most recent call last: every frame in cell code (`Cell <tag>, line k, in fn` and the
 * line's text under it, mapped through that cell's position map when `cells` knows it), then up to three engine frames
 * nearest the innermost cell frame (so `Linear.forward` shows, 30 frames of tfjs internals do not).
 */
export function buildTraceback(
  frames: Frame[],
  offsets: FrameOffsets | null,
  header: string,
  cells?: CellSources,
): string[] {
  const lines = ["Traceback (most recent call last):"];
  const innermostCell = frames.findIndex((f) => cellTagOf(f) !== undefined);
  if (innermostCell >= 0) {
    for (let i = frames.length - 1; i >= innermostCell; i--) {
      const f = frames[i];
      const tag = cellTagOf(f);
      if (tag === undefined) continue;
      const cell = cells?.get(tag);
      const at = offsets ? (cell?.toCell(f.line - offsets.lineOffset, f.column - offsets.columnBase).line ?? f.line - offsets.lineOffset) : undefined;
      const name = frameName(f);
      lines.push(`  Cell ${tag}${at !== undefined ? `, line ${at}` : ""}${name ? `, in ${name}` : ""}`);
      const text = at !== undefined ? cell?.source.split("\n")[at - 1]?.trim() : undefined;
      if (text) lines.push(`    ${text}`);
    }
    const library = frames.slice(0, innermostCell).filter((f) => !f.file.startsWith("node:") && frameName(f));
    const shown = library.slice(-MAX_LIBRARY_FRAMES).reverse();
    for (const f of shown) lines.push(`  in ${frameName(f)}`);
    if (library.length > shown.length) lines.push(`  … ${library.length - shown.length} more frames inside the library`);
  }
  lines.push(header);
  return lines.length === 2 ? [header] : lines;
}

/** Python-style pointer at a syntax error: the line, a caret under the column, then the error. */
export function syntaxTraceback(code: string, line: number | undefined, column: number | undefined, header: string): string[] {
  const text = line !== undefined ? code.split("\n")[line - 1] : undefined;
  if (text === undefined) return [header];
  const caret = column !== undefined ? [`    ${" ".repeat(Math.max(0, column - 1))}^`] : [];
  return [`  Cell, line ${line}`, `    ${text}`, ...caret, header];
}
