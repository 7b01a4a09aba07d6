// The pure notebook reducer: edits, runs and outputs as actions; outputs from a stale run are dropped here too.
import { assertNever } from "../lib/invariant";
import type { RunEndReason } from "../kernel/client/client";
import type { HParams, LoopProgress, MetricPoint } from "../kernel/protocol";
import { makeCell } from "./cells";
import { appendOutput, upsertProgress } from "./outputs";
import { addRun, recordOf, RUNS_KEY, runsOf, type RunRecord } from "./run-history";
import { appendTraining, isLiveChart } from "./training";
import { CHART_MIME, type Cell, type CellType, type ChartPayload, type NotebookDoc, type Output, type ProgressPayload } from "./types";

export type NotebookAction =
  | { type: "load"; doc: NotebookDoc }
  /** Inserts after `afterId`, else before `beforeId`, else at the end. */
  | { type: "add-cell"; cellType: CellType; afterId?: string; beforeId?: string; source?: string; id?: string }
  | { type: "delete-cell"; id: string }
  /** Puts a deleted cell back at `index` (undo of delete); it comes back idle. */
  | { type: "restore-cell"; cell: Cell; index: number }
  /** Moves a cell past its neighbour; cells in `skip` (hidden ones) are passed over, not counted. */
  | { type: "move-cell"; id: string; delta: -1 | 1; skip?: string[] }
  /** Code ↔ Markdown; the source stays, outputs and the count go (a running cell is left alone). */
  | { type: "set-cell-type"; id: string; cellType: CellType }
  | { type: "update-source"; id: string; source: string }
  | { type: "run-queued"; id: string; runId: string }
  | { type: "run-start"; id: string; runId: string; startedAt?: number }
  | { type: "output"; id: string; runId: string; output: Output }
  | { type: "metrics"; id: string; runId: string; points: MetricPoint[]; loops?: LoopProgress[]; hparams?: HParams }
  | { type: "progress"; id: string; runId: string; progress: ProgressPayload }
  | { type: "run-end"; id: string; runId: string; ok: boolean; reason: RunEndReason; elapsedMs?: number }
  | { type: "clear-outputs"; id?: string }
  /** Replaces a cell's run history (ticks, names, deletions from the history list). */
  | { type: "set-run-history"; id: string; runs: RunRecord[] }
  /** A fresh kernel: execution counts start again at 1, like Jupyter; the cells keep their outputs. */
  | { type: "kernel-restarted" }
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
      return { ...doc, cells: insertAt(doc.cells, insertIndex(doc.cells, action), cell) };
    }
    case "delete-cell": {
      const cells = doc.cells.filter((c) => c.id !== action.id);
      return cells.length === doc.cells.length ? doc : { ...doc, cells };
    }
    case "restore-cell": {
      if (doc.cells.some((c) => c.id === action.cell.id)) return doc;
      const cell: Cell = { ...action.cell, runState: "idle", runId: null, startedAt: null };
      return { ...doc, cells: insertAt(doc.cells, action.index, cell) };
    }
    case "move-cell": {
      const from = doc.cells.findIndex((c) => c.id === action.id);
      if (from < 0) return doc;
      const skip = new Set(action.skip ?? []);
      let to = from + action.delta;
      while (to >= 0 && to < doc.cells.length && skip.has(doc.cells[to].id)) to += action.delta;
      if (to < 0 || to >= doc.cells.length) return doc;
      const cells = [...doc.cells];
      const [cell] = cells.splice(from, 1);
      cells.splice(to, 0, cell);
      return { ...doc, cells };
    }
    case "set-cell-type":
      return mapCell(doc, action.id, (cell) =>
        cell.type === action.cellType || cell.runState !== "idle"
          ? cell
          : { ...cell, type: action.cellType, outputs: [], executionCount: null, elapsedMs: null },
      );
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
        startedAt: action.startedAt ?? null,
        runSource: cell.source,
      }));
      return next === doc ? doc : { ...next, nextExecutionCount: doc.nextExecutionCount + 1 };
    }
    case "output":
      return mapRun(doc, action.id, action.runId, (cell) => ({ ...cell, outputs: appendOutput(cell.outputs, action.output) }));
    case "metrics":
      return mapRun(doc, action.id, action.runId, (cell) => ({
        ...cell,
        outputs: appendTraining(cell.outputs, action.points, action.loops, action.hparams),
      }));
    case "progress":
      return mapRun(doc, action.id, action.runId, (cell) => ({
        ...cell,
        outputs: upsertProgress(cell.outputs, action.progress),
      }));
    case "run-end":
      return mapRun(doc, action.id, action.runId, (cell) => {
        const note = action.reason === "done" || action.reason === "cancelled" ? null : END_NOTES[action.reason];
        // A run cancelled before it started leaves the last run's time in place.
        const ran = cell.runState === "running";
        const elapsedMs = ran && action.elapsedMs !== undefined ? action.elapsedMs : null;
        return {
          ...cell,
          metadata: ran ? withRunRecorded(cell, action.runId, action.ok && action.reason === "done", elapsedMs) : cell.metadata,
          runState: "idle",
          runId: null,
          startedAt: null,
          runSource: null,
          elapsedMs: ran && action.elapsedMs !== undefined ? action.elapsedMs : (cell.elapsedMs ?? null),
          outputs: note ? appendOutput(cell.outputs, note) : cell.outputs,
        };
      });
    case "clear-outputs":
      return {
        ...doc,
        cells: doc.cells.map((c) =>
          action.id === undefined || c.id === action.id ? { ...c, outputs: [], executionCount: null, elapsedMs: null } : c,
        ),
      };
    case "set-run-history":
      return mapCell(doc, action.id, (cell) => ({ ...cell, metadata: { ...cell.metadata, [RUNS_KEY]: action.runs } }));
    case "kernel-restarted":
      return doc.nextExecutionCount === 1 ? doc : { ...doc, nextExecutionCount: 1 };
    case "batch":
      return action.actions.reduce(notebookReducer, doc);
    default:
      return assertNever(action, "notebook action");
  }
}

/** The cell's metadata with the run that just ended added to its history, if the run drew a chart. */
function withRunRecorded(cell: Cell, runId: string, ok: boolean, elapsedMs: number | null): Record<string, unknown> {
  const live = cell.outputs.find(isLiveChart);
  const chart = live?.output_type === "display_data" ? (live.data[CHART_MIME] as ChartPayload) : undefined;
  const record = recordOf({ id: runId, startedAt: cell.startedAt ?? null, elapsedMs, ok, code: cell.runSource ?? cell.source }, chart);
  return record ? { ...cell.metadata, [RUNS_KEY]: addRun(runsOf(cell.metadata), record) } : cell.metadata;
}

function insertIndex(cells: Cell[], where: { afterId?: string; beforeId?: string }): number {
  if (where.afterId !== undefined) {
    const i = cells.findIndex((c) => c.id === where.afterId);
    if (i >= 0) return i + 1;
  }
  if (where.beforeId !== undefined) {
    const i = cells.findIndex((c) => c.id === where.beforeId);
    if (i >= 0) return i;
  }
  return cells.length;
}

function insertAt(cells: Cell[], index: number, cell: Cell): Cell[] {
  const next = [...cells];
  next.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return next;
}

/** The error output of a cell's last run that names a line, for the editor's decoration. */
export function errorLineOf(cell: Cell): number | undefined {
  for (const o of cell.outputs) if (o.output_type === "error" && o.line !== undefined) return o.line;
  return undefined;
}
