// Runs a compiled cell in the kernel scope and turns whatever it throws into a notebook error with a cell line.
import type { CompiledCell } from "../compiler/compile-cell";
import { repr } from "../runtime/format";
import { cellRuntime, noteAssigned, type KernelScope } from "../runtime/scope";
import { buildTraceback, cellTagOf, frameOffsets, parseStack, type CellSources, type FrameOffsets } from "../compiler/stack";

export type RunOutcome =
  | { ok: true; value: unknown }
  | {
      ok: false;
      ename: string;
      evalue: string;
      /** 1-based line/column in this cell of the innermost frame inside it (the call site for library errors). */
      line?: number;
      column?: number;
      traceback: string[];
      /** What was thrown, for callers that need more than text. */
      error: unknown;
    };

/** Runs `compiled`; `value` is the final expression's value (undefined when the cell ends otherwise). */
/** `cells`: the kernel's compiled cells, so frames in other cells (a model's `forward`) map and quote right. */
export async function runCell(compiled: CompiledCell, scope: KernelScope, cells?: CellSources): Promise<RunOutcome> {
  // V8 keeps 10 frames by default: too few to reach the cell's frame from deep inside tfjs.
  if ((Error.stackTraceLimit ?? 0) < 100) Error.stackTraceLimit = 100;
  const offsets = await frameOffsets();
  try {
    const ret = await compiled.fn(scope.vars, cellRuntime(scope));
    return { ok: true, value: compiled.hasResult && Array.isArray(ret) ? ret[0] : undefined };
  } catch (error) {
    return { ok: false, ...describeError(error, compiled, offsets, cells), error };
  } finally {
    noteAssigned(scope, compiled.declared);
  }
}

interface ErrorInfo {
  ename: string;
  evalue: string;
  line?: number;
  column?: number;
  traceback: string[];
}

export function describeError(error: unknown, compiled: CompiledCell, offsets: FrameOffsets | null, cells?: CellSources): ErrorInfo {
  const { ename, evalue, stack } = unpack(error);
  const header = evalue ? `${ename}: ${evalue}` : ename;
  if (stack === undefined) {
    if (error instanceof Error) return { ename, evalue, traceback: [header] };
    const what = error === null ? "null" : typeof error;
    const hint = `  (a thrown ${what} is not an Error and carries no line: throw new Error(...) instead)`;
    return { ename, evalue, traceback: [header, hint] };
  }
  const frames = parseStack(stack);
  const traceback = buildTraceback(frames, offsets, header, cells);
  const own = frames.find((f) => {
    const tag = cellTagOf(f);
    return tag === compiled.tag || tag === "?";
  });
  if (!own || !offsets) return { ename, evalue, traceback };
  const pos = compiled.positions.toCell(own.line - offsets.lineOffset, own.column - offsets.columnBase);
  return { ename, evalue, line: pos.line, column: pos.column, traceback };
}

/** Error objects, error-like objects and plain thrown values (`throw "x"`). */
function unpack(error: unknown): { ename: string; evalue: string; stack?: string } {
  if (typeof error === "object" && error !== null) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    if (typeof e.message === "string") {
      const ename = typeof e.name === "string" && e.name ? e.name : "Error";
      return { ename, evalue: e.message, stack: typeof e.stack === "string" ? e.stack : undefined };
    }
  }
  return { ename: "Error", evalue: typeof error === "string" ? error : repr(error) };
}
