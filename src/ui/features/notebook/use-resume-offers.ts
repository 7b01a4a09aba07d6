// Which cells can resume their training: the notebook's checkpoints in IndexedDB, re-read whenever no cell is running.
import { useEffect, useState } from "react";
import { listCheckpoints, type CheckpointInfo } from "../../../io/checkpoint-store";
import type { Cell } from "../../../notebook/types";

/**
 * A checkpoint outlives its run only when the training did not finish (resumable() deletes it at the end), so every
 * checkpoint listed here is an offer to resume. The list is read on open and after each batch of runs ends.
 */
export function useResumeOffers(notebookId: string | undefined, cells: readonly Cell[]): ReadonlyMap<string, CheckpointInfo> {
  const [offers, setOffers] = useState<ReadonlyMap<string, CheckpointInfo>>(() => new Map());
  const busy = cells.some((c) => c.runState !== "idle");
  useEffect(() => {
    if (!notebookId || busy) return;
    let live = true;
    void listCheckpoints(notebookId).then((found) => {
      if (live) setOffers(found);
    });
    return () => {
      live = false;
    };
  }, [notebookId, busy]);
  return offers;
}
