// React contexts that give a cell's training chart its run history and a way to change it (ticks, names).
import { createContext, type Dispatch } from "react";
import type { NotebookAction } from "../../../notebook/reducer";
import type { RunRecord } from "../../../notebook/run-history";

/** The notebook's dispatch, provided once by the notebook view. */
export const NotebookDispatchContext = createContext<Dispatch<NotebookAction> | null>(null);

export interface RunHistoryValue {
  cellId: string;
  runs: RunRecord[];
  /** The cell is running: every record is an earlier run; otherwise the last record is the chart's own run. */
  running: boolean;
  setRuns(runs: RunRecord[]): void;
}

/** Provided around a code cell's outputs (RunHistoryScope). */
export const RunHistoryContext = createContext<RunHistoryValue | null>(null);
