// Runs a whole notebook through a kernel client, cell by cell, and returns it executed (nbconvert --execute).
import type { Notebook } from "../../io/ipynb";
import type { KernelEvent } from "../../kernel/client/client";
import { docFromIpynb, docToIpynb } from "../ipynb-convert";
import { savedActionFromKernelEvent } from "../kernel-actions";
import { notebookReducer } from "../reducer";
import type { Cell, NotebookDoc } from "../types";
import { injectParameters } from "./parameters";

/** The part of `KernelClient` the runner uses; tests pass a fake. */
export interface RunnerClient {
  on(listener: (event: KernelEvent) => void): () => void;
  start(): void;
  execute(cellId: string, code: string): string;
  interrupt(): void;
}

export interface RunOptions {
  /** Papermill-style overrides for the cell tagged `parameters`. */
  parameters?: Record<string, unknown>;
  /** A cell running longer than this is interrupted and counts as failed. */
  cellTimeoutMs?: number;
  onEvent?: (event: RunnerEvent) => void;
}

/** What the runner reports while it works; `index` is the cell's 0-based position in the notebook. */
export type RunnerEvent =
  | { type: "warning"; message: string }
  | { type: "ready"; backend: string; note: string }
  | { type: "stream"; index: number; name: "stdout" | "stderr"; text: string }
  | { type: "cell-done"; index: number; cellId: string; done: number; total: number; ok: boolean; elapsedMs: number };

/** The first cell that failed: where, and the kernel's error. */
export interface CellFailure {
  index: number;
  cellId: string;
  executionCount: number | null;
  ename: string;
  evalue: string;
  /** 1-based line in the cell, when the kernel knows it, and that line's text. */
  line?: number;
  sourceLine?: string;
  traceback: string[];
}

export interface RunStatus {
  ok: boolean;
  backend?: string;
  failedCell?: CellFailure;
  /** Set when the kernel never started (no cell is to blame). */
  error?: string;
}

export interface RunResult {
  /** The executed notebook: outputs and execution counts up to and including the failing cell, if any. */
  notebook: Notebook;
  status: RunStatus;
}

function failureOf(cell: Cell, index: number, fallback: { ename: string; evalue: string }): CellFailure {
  const error = cell.outputs.findLast((o) => o.output_type === "error");
  const { ename, evalue, traceback, line } =
    error?.output_type === "error" ? error : { ...fallback, traceback: [`${fallback.ename}: ${fallback.evalue}`], line: undefined };
  const sourceLine = line !== undefined ? cell.source.split("\n")[line - 1] : undefined;
  return { index, cellId: cell.id, executionCount: cell.executionCount, ename, evalue, traceback, line, sourceLine };
}

/** Records Jupyter's execution timestamps (nbclient's `record_timing`) in the cell's metadata. */
function withTiming(doc: NotebookDoc, index: number, start: Date, end: Date): NotebookDoc {
  const cells = [...doc.cells];
  const execution = {
    "iopub.status.busy": start.toISOString(),
    "iopub.execute_input": start.toISOString(),
    "shell.execute_reply": end.toISOString(),
    "iopub.status.idle": end.toISOString(),
  };
  cells[index] = { ...cells[index], metadata: { ...cells[index].metadata, execution } };
  return { ...doc, cells };
}

/**
 * Clears every output, injects the parameters, then runs the code cells in order and stops at the first failure,
 * like `jupyter nbconvert --execute`. Empty code cells are skipped, as nbclient does. The client is started here
 * and left running: its owner disposes of it.
 */
export async function runNotebook(client: RunnerClient, input: Notebook, options: RunOptions = {}): Promise<RunResult> {
  const emit = options.onEvent ?? (() => {});
  const { notebook, warnings } = injectParameters(input, options.parameters ?? {});
  for (const message of warnings) emit({ type: "warning", message });

  let doc: NotebookDoc = { ...notebookReducer(docFromIpynb(notebook), { type: "clear-outputs" }), nextExecutionCount: 1 };
  const status: RunStatus = { ok: true };
  let ready = false;
  let startError: string | null = null;
  let indexOfRun = new Map<string, number>();
  let endRun: ((ok: boolean) => void) | null = null;

  const unsubscribe = client.on((event) => {
    if (event.type === "ready") {
      ready = true;
      status.backend = event.backend;
      emit({ type: "ready", backend: event.backend, note: event.note });
    } else if (event.type === "kernel-error") {
      // Before `ready` the kernel cannot run anything: fail now instead of waiting forever.
      if (!ready) {
        startError = `${event.ename}: ${event.evalue}`;
        endRun?.(false);
      } else {
        emit({ type: "warning", message: `kernel: ${event.ename}: ${event.evalue}` });
      }
    }
    // The same folding the app does, so outputs look the same.
    const action = savedActionFromKernelEvent(event);
    if (action) doc = notebookReducer(doc, action);
    if (event.type === "run-message" && event.message.type === "stream") {
      const index = indexOfRun.get(event.runId) ?? -1;
      emit({ type: "stream", index, name: event.message.name, text: event.message.text });
    }
    if (event.type === "run-end") endRun?.(event.ok);
  });

  try {
    client.start();
    const codeCells = doc.cells.flatMap((c, i) => (c.type === "code" && c.source.trim() !== "" ? [i] : []));
    for (const [done, index] of codeCells.entries()) {
      const cell = doc.cells[index];
      const start = new Date();
      let timedOut = false;
      const finished = new Promise<boolean>((resolve) => (endRun = resolve));
      indexOfRun = new Map([[client.execute(cell.id, cell.source), index]]);
      const timer =
        options.cellTimeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              client.interrupt();
            }, options.cellTimeoutMs)
          : null;
      const ok = startError === null && (await finished);
      if (timer !== null) clearTimeout(timer);
      endRun = null;
      const end = new Date();
      doc = withTiming(doc, index, start, end);
      emit({ type: "cell-done", index, cellId: cell.id, done: done + 1, total: codeCells.length, ok, elapsedMs: +end - +start });
      if (ok) continue;
      status.ok = false;
      if (startError !== null && !ready) {
        status.error = `the kernel did not start: ${startError}`;
      } else {
        const fallback = timedOut
          ? { ename: "TimeoutError", evalue: `the cell ran longer than ${options.cellTimeoutMs! / 1000} s and was interrupted` }
          : { ename: "KernelError", evalue: "the cell did not finish (the kernel stopped)" };
        const failure = failureOf(doc.cells[index], index, fallback);
        // A timed-out cell's own error says "interrupted"; the reason the runner interrupted it comes first.
        status.failedCell = timedOut ? { ...failure, ...fallback, traceback: [...failure.traceback, `${fallback.ename}: ${fallback.evalue}`] } : failure;
      }
      break;
    }
  } finally {
    unsubscribe();
  }
  return { notebook: docToIpynb(doc), status };
}
