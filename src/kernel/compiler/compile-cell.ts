// Compiles a TypeScript cell into an async function that runs in the kernel's shared scope (line-preserving).
import { parse, type Program } from "acorn";
import { transform } from "sucrase";
import { planLoops } from "./loop-frames";
import { loopGuardEdits, mergeEdits } from "./loop-guard";
import type { LoopFrame } from "./loop-memory";
import { operatorEdits, operatorPrologue } from "./operator-transform";
import type { CellOperators } from "./operators";
import { applyEdits, PositionMap } from "./position-map";
import { CellRewriteError, rewriteTopLevel } from "./rewrite-top-level";

/** What compiled cell code calls into at run time (see run-cell.ts). */
export interface CellRuntime {
  /** Creates each name as an own scope property (value undefined) unless it already is one. */
  declare(names: string[]): void;
  /** The object a `from "gradbook…"` import reads, checking the imported names exist. */
  importFrom(spec: string, names: string[]): Record<string, unknown>;
  /**
   * Called at the top of every loop body (loop-guard.ts): throws KeyboardInterrupt when one is pending; with the
   * loop's frame and outer variables, frees the tensors past iterations left that nothing reachable holds.
   */
  tick(frame?: LoopFrame, roots?: unknown[]): void;
  /** Opens a loop's memory frame (loop-frames.ts); absent only in the stack probe. */
  loop?(outer: boolean): LoopFrame;
  /** Tensor operators (`a * b` → `__op.mul(a, b)`, operator-transform.ts); absent only in the stack probe. */
  op?: CellOperators;
}

/** The compiled cell: `fn(scope, runtime)` resolves to `[value]` when the cell ends with an expression. */
export type CellFunction = (scope: object, runtime: CellRuntime) => Promise<unknown>;

export interface CompiledCell {
  ok: true;
  cellId: string;
  /** The cell id as it appears in the stack frames' file name `cell-<tag>.ts`. */
  tag: string;
  /** The full function body handed to the AsyncFunction constructor. */
  body: string;
  fn: CellFunction;
  /** Top-level names the cell binds (imports, variables, classes, functions), in source order. */
  declared: string[];
  hasResult: boolean;
  /** Line/column in the compiled cell code → line/column in the cell source. */
  positions: PositionMap;
}

export interface CompileFailure {
  ok: false;
  ename: string;
  evalue: string;
  /** 1-based line and column in the cell. */
  line?: number;
  column?: number;
}

export type CompileResult = CompiledCell | CompileFailure;

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => CellFunction;

/** Stack frames of cell code name their file `cell-<tag>.ts`. */
export function cellTag(cellId: string): string {
  return cellId.replace(/[^A-Za-z0-9_-]/g, "_") || "_";
}

/**
 * The wrapper: sloppy-mode `with` so every free name resolves in the scope (user names shadow the API in its
 * prototype). The prologue shares the `with` line, so cell line k is always wrapper line k + (header lines).
 */
export function makeCellFunction(prologue: string, code: string, tag: string): { body: string; fn: CellFunction } {
  const body = `with (__scope) { ${prologue}\n${code}\n}\n//# sourceURL=cell-${tag}.ts`;
  return { body, fn: new AsyncFunction("__scope", "__gb", body) };
}

export interface CompileOptions {
  /** Tensor operators (operator-transform.ts); off only to measure what they cost (scripts/bench-operators.ts). */
  operators?: boolean;
  /** Loop memory frames (loop-frames.ts); off only to measure what they cost. */
  frames?: boolean;
}

export function compileCell(source: string, cellId: string, opts: CompileOptions = {}): CompileResult {
  let js: string;
  let mappings: string;
  try {
    const out = transform(source, {
      transforms: ["typescript"],
      disableESTransforms: true,
      keepUnusedImports: true, // so `import { x } from "lodash"` is reported even when x is only used as a type
      filePath: "cell.ts", // needed for the source map; its "Error transforming cell.ts: " prefix is stripped below
      sourceMapOptions: { compiledFilename: "cell.js" },
    });
    js = out.code;
    mappings = out.sourceMap?.mappings ?? "";
  } catch (e) {
    return syntaxFailure(e, source, (line, col0) => ({ line, column: col0 + 1 }));
  }

  const jsPositions = new PositionMap(js, js, [], mappings);
  let program: Program;
  try {
    program = parse(js, { ecmaVersion: "latest", sourceType: "module", locations: true });
  } catch (e) {
    return syntaxFailure(e, js, (line, col0) => jsPositions.toCell(line, col0));
  }

  try {
    const rewrite = rewriteTopLevel(js, program);
    const edits = mergeEdits(rewrite.edits, loopGuardEdits(program, opts.frames === false ? undefined : planLoops(program)), opts.operators === false ? [] : operatorEdits(js, program));
    const code = applyEdits(js, edits);
    const prologue = [
      operatorPrologue(), // block-scoped consts inside the with: operator calls never look them up in the scope object
      `__gb.declare(${JSON.stringify(rewrite.declared)});`,
      ...rewrite.functions.map((f) => `__scope[${JSON.stringify(f)}] = ${f};`),
    ].join(" ");
    const tag = cellTag(cellId);
    let made: { body: string; fn: CellFunction };
    try {
      made = makeCellFunction(prologue, code, tag);
    } catch (e) {
      return { ok: false, ename: "SyntaxError", evalue: messageOf(e) };
    }
    return {
      ok: true,
      cellId,
      tag,
      body: made.body,
      fn: made.fn,
      declared: [...rewrite.declared, ...rewrite.functions],
      hasResult: rewrite.hasResult,
      positions: new PositionMap(code, js, edits, mappings),
    };
  } catch (e) {
    if (!(e instanceof CellRewriteError)) throw e;
    const at = offsetToLineCol(js, e.pos);
    return { ok: false, ename: e.ename, evalue: e.message, ...jsPositions.toCell(at.line, at.col0) };
  }
}

/** sucrase and acorn both throw syntax errors with `pos` (an offset into what they parsed) and a "(line:col)" suffix. */
function syntaxFailure(
  e: unknown,
  parsed: string,
  toCell: (line: number, col0: number) => { line: number; column: number },
): CompileFailure {
  const pos = (e as { pos?: unknown } | null)?.pos;
  if (typeof pos !== "number") throw e; // not a syntax error: a bug of ours, reported as such by the kernel
  const evalue = messageOf(e)
    .replace(/^Error transforming [^:]*: /, "")
    .replace(/\s*\(\d+:\d+\)$/, "");
  const at = offsetToLineCol(parsed, Math.min(pos, parsed.length));
  return { ok: false, ename: "SyntaxError", evalue, ...toCell(at.line, at.col0) };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function offsetToLineCol(s: string, pos: number): { line: number; col0: number } {
  const before = s.slice(0, pos);
  const line = before.split("\n").length;
  return { line, col0: pos - (before.lastIndexOf("\n") + 1) };
}
