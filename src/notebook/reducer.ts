// The pure notebook reducer: edits, runs and outputs as actions; outputs from a stale run are dropped here too.
import { assertNever } from "../lib/invariant";
import type { RunEndReason } from "../kernel/client";
import type { MetricPoint } from "../kernel/protocol";
import { makeCell } from "./cells";
import { appendMetrics, appendOutput, upsertProgress } from "./outputs";
import type { Cell, CellType, NotebookDoc, Output, ProgressPayload } from "./types";

export type NotebookAction =
  | { type: "load"; doc: NotebookDoc }
  | { type: "add-cell"; cellType: CellType; afterId?: string; source?: string; id?: string }
  | { type: "delete-cell"; id: string }
  | { type: "update-source"; id: string; source: string }
  | { type: "run-queued"; id: string; runId: string }
  | { type: "run-start"; id: string; runId: string }
  | { type: "output"; id: string; runId: string; output: Output }
  | { type: "metrics"; id: string; runId: string; points: MetricPoint[] }
  | { type: "progress"; id: string; runId: string; progress: ProgressPayload }
  | { type: "run-end"; id: string; runId: string; ok: boolean; reason: RunEndReason }
  | { type: "clear-outputs"; id?: string }
  | { type: "batch"; actions: NotebookAction[] };

const END_NOTES: Record<Exclude<RunEndReason, "done" | "cancelled">, Output> = {
  interrupted: {
    output_type: "error",
    ename: "KernelRestarted",
    evalue: "The cell did not stop when asked, so the kernel was restarted: variables and models from earlier cells are gone; run them again.",
    traceback: [],
  },
  "kernel-restarted": {
    output_type: "error",
    ename: "KernelRestarted",
    evalue: "The kernel was restarted while this cell ran; run the cells above it again.",
    traceback: [],
  },
  "kernel-died": {
    output_type: "error",
    ename: "KernelDied",
    evalue: "The kernel stopped unexpectedly (see the status bar); press Restart, then run the cells again.",
    traceback: [],
  },
};

function mapCell(doc: NotebookDoc, id: string, fn: (cell: Cell) => Cell): NotebookDoc {
  const index = doc.cells.findIndex((c) => c.id === id);
  if (index < 0) return doc;
  const updated = fn(doc.cells[index]);
  if (updated === doc.cells[index]) return doc;
  const cells = [...doc.cells];
  cells[index] = updated;
  return { ...doc, cells };
}

/** Applies `fn` only if the cell is still waiting for `runId`; anything else is a stale message. */
function mapRun(doc: NotebookDoc, id: string, runId: string, fn: (cell: Cell) => Cell): NotebookDoc {
  return mapCell(doc, id, (cell) => (cell.runId === runId ? fn(cell) : cell));
}

export function notebookReducer(doc: NotebookDoc, action: NotebookAction): NotebookDoc {
  switch (action.type) {
    case "load":
      return action.doc;
    case "add-cell": {
      const cell = makeCell(action.cellType, action.source ?? "", action.id ? { id: action.id } : {});
      const at = action.afterId ? doc.cells.findIndex((c) => c.id === action.afterId) + 1 : doc.cells.length;
      const cells = [...doc.cells];
      cells.splice(at <= 0 ? doc.cells.length : at, 0, cell);
      return { ...doc, cells };
    }
    case "delete-cell":
      return { ...doc, cells: doc.cells.filter((c) => c.id !== action.id) };
    case "update-source":
      return mapCell(doc, action.id, (cell) => (cell.source === action.source ? cell : { ...cell, source: action.source }));
    case "run-queued":
      // The client may announce the start before the page records the queueing: never step back to "queued".
      return mapCell(doc, action.id, (cell) =>
        cell.runId === action.runId ? cell : { ...cell, runState: "queued", runId: action.runId },
      );
    case "run-start": {
      // The client starts only the run it holds as current, so a start is never stale: it claims the cell.
      const next = mapCell(doc, action.id, (cell) => ({
        ...cell,
        runState: "running",
        runId: action.runId,
        outputs: [],
        executionCount: doc.nextExecutionCount,
      }));
      return next === doc ? doc : { ...next, nextExecutionCount: doc.nextExecutionCount + 1 };
    }
    case "output":
      return mapRun(doc, action.id, action.runId, (cell) => ({ ...cell, outputs: appendOutput(cell.outputs, action.output) }));
    case "metrics":
      return mapRun(doc, action.id, action.runId, (cell) => ({ ...cell, outputs: appendMetrics(cell.outputs, action.points) }));
    case "progress":
      return mapRun(doc, action.id, action.runId, (cell) => ({
        ...cell,
        outputs: upsertProgress(cell.outputs, action.progress),
      }));
    case "run-end":
      return mapRun(doc, action.id, action.runId, (cell) => {
        const note = action.reason === "done" || action.reason === "cancelled" ? null : END_NOTES[action.reason];
        return {
          ...cell,
          runState: "idle",
          runId: null,
          outputs: note ? appendOutput(cell.outputs, note) : cell.outputs,
        };
      });
    case "clear-outputs":
      return {
        ...doc,
        cells: doc.cells.map((c) =>
          action.id === undefined || c.id === action.id ? { ...c, outputs: [], executionCount: null } : c,
        ),
      };
    case "batch":
      return action.actions.reduce(notebookReducer, doc);
    default:
      return assertNever(action, "notebook action");
  }
}

/** The error output of a cell's last run that names a line, for the editor's decoration. */
export function errorLineOf(cell: Cell): number | undefined {
  for (const o of cell.outputs) if (o.output_type === "error" && o.line !== undefined) return o.line;
  return undefined;
}
