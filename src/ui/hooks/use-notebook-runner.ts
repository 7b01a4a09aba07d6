// Run controls over the kernel client: run one cell, all, all above/below, interrupt, restart, restart & run all.
import { useMemo, useRef, type Dispatch } from "react";
import type { KernelClient } from "../../kernel/client/client";
import type { RunMode } from "../../kernel/protocol";
import type { NotebookAction } from "../../notebook/reducer";
import type { NotebookDoc } from "../../notebook/types";

export interface NotebookRunner {
  /**
   * Queues a code cell (a cell already queued or running is left alone; Markdown and unknown ids are ignored).
   * `source` overrides the document's text (the editor's latest, when the document is a render behind).
   */
  runCell(id: string, source?: string): void;
  /** Re-runs the code cells above `id` (to define the model and optimizer again), then `id` in resume mode: its `resumable()` loop restores the last checkpoint. */
  resumeCell(id: string): void;
  runAll(): void;
  /** Every code cell above `id`, not `id` itself (Jupyter's "Run All Above Selected Cell"). */
  runAbove(id: string): void;
  /** `id` and every code cell below it (Jupyter's "Run Selected Cell and All Below"). */
  runBelow(id: string): void;
  interrupt(): void;
  /** A fresh kernel; the notebook's text and outputs stay. */
  restart(): void;
  restartRunAll(): void;
}

export function useNotebookRunner(
  client: KernelClient,
  doc: NotebookDoc,
  dispatch: Dispatch<NotebookAction>,
  /** The open notebook's id: `resumable()` files checkpoints under it (none without it). */
  notebookId?: string,
): NotebookRunner {
  const docRef = useRef(doc);
  docRef.current = doc;
  return useMemo(() => {
    const runCell = (id: string, source?: string, mode: RunMode = "run") => {
      const cell = docRef.current.cells.find((c) => c.id === id);
      // The client, not the document, knows what is pending: run events reach the document in batches.
      if (!cell || cell.type !== "code" || client.isPending(id)) return;
      dispatch({ type: "run-queued", id, runId: client.execute(id, source ?? cell.source, { notebookId, mode }) });
    };
    const runSlice = (from: number, to?: number) => {
      for (const cell of docRef.current.cells.slice(from, to)) if (cell.type === "code") runCell(cell.id);
    };
    const indexOf = (id: string) => docRef.current.cells.findIndex((c) => c.id === id);
    const runAll = () => runSlice(0);
    return {
      runCell: (id, source) => runCell(id, source),
      resumeCell: (id) => {
        const i = indexOf(id);
        if (i < 0 || client.isPending(id)) return;
        runSlice(0, i);
        runCell(id, undefined, "resume");
      },
      runAll,
      runAbove: (id) => {
        const i = indexOf(id);
        if (i > 0) runSlice(0, i);
      },
      runBelow: (id) => {
        const i = indexOf(id);
        if (i >= 0) runSlice(i);
      },
      interrupt: () => client.interrupt(),
      restart: () => client.restart(),
      restartRunAll: () => {
        client.restart();
        runAll();
      },
    };
  }, [client, dispatch, notebookId]);
}
