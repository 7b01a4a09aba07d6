// Test helper (never imported by app code): cells compiled and run in order in one scope, as the kernel runs them,
// without the worker or its messages. `value` returns a cell's last value and `message` a failing cell's error text.
import { compileCell } from "../compiler/compile-cell";
import { createScope } from "../runtime/scope";
import { api as realApi } from "./api";
import { runCell, type RunOutcome } from "./run-cell";

export interface CellSession {
  scope: ReturnType<typeof createScope>;
  /** Compiles and runs one cell (ids c1, c2, … unless given); a compile error throws. */
  run(code: string, cellId?: string): Promise<RunOutcome>;
  /** The cell's value; a failing cell throws `ename: evalue`. */
  value(code: string, cellId?: string): Promise<unknown>;
  /** The failing cell's outcome; a cell that succeeds throws. */
  fail(code: string, cellId?: string): Promise<Extract<RunOutcome, { ok: false }>>;
  /** The failing cell's error text. */
  message(code: string): Promise<string>;
}

/** A session over `api` (the cells' scope, the real API by default) plus `extra` names. */
export function cellSession(extra: Record<string, unknown> = {}, api: Record<string, unknown> = realApi): CellSession {
  const scope = createScope(api, extra);
  let n = 0;
  const run = async (code: string, cellId = `c${++n}`): Promise<RunOutcome> => {
    const compiled = compileCell(code, cellId);
    if (!compiled.ok) throw new Error(`compile failed: ${compiled.evalue} (line ${compiled.line})`);
    return runCell(compiled, scope);
  };
  const value = async (code: string, cellId?: string): Promise<unknown> => {
    const out = await run(code, cellId);
    if (!out.ok) throw new Error(`${out.ename}: ${out.evalue}`);
    return out.value;
  };
  const fail = async (code: string, cellId?: string) => {
    const out = await run(code, cellId);
    if (out.ok) throw new Error(`expected ${JSON.stringify(code.slice(0, 80))} to fail`);
    return out;
  };
  const message = async (code: string) => (await fail(code)).evalue;
  return { scope, run, value, fail, message };
}
