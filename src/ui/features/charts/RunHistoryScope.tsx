// Wraps a code cell's outputs so its training chart can read and edit the cell's run history.
import { memo, useContext, useMemo, type ReactNode } from "react";
import { runsOf } from "../../../notebook/run-history";
import type { Cell } from "../../../notebook/types";
import { NotebookDispatchContext, RunHistoryContext, type RunHistoryValue } from "./run-history-context";

export const RunHistoryScope = memo(function RunHistoryScope({ cell, children }: { cell: Cell; children: ReactNode }) {
  const dispatch = useContext(NotebookDispatchContext);
  const { id, metadata, runState } = cell;
  const running = runState !== "idle";
  const value = useMemo<RunHistoryValue>(
    () => ({
      cellId: id,
      runs: runsOf(metadata),
      running,
      setRuns: (runs) => dispatch?.({ type: "set-run-history", id, runs }),
    }),
    [id, metadata, running, dispatch],
  );
  return <RunHistoryContext.Provider value={value}>{children}</RunHistoryContext.Provider>;
});
