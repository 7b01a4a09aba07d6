// What the notebook view needs from the library: the open notebook's title and file name, and where its changes go (autosave).
import { createContext, useContext, useEffect } from "react";
import type { NotebookDoc } from "../../../notebook/types";

export interface CurrentNotebook {
  /** The library's id for it (also where its training checkpoints are filed). */
  id?: string;
  title: string;
  fileName: string;
  /** Called with every new version of the document; the library saves it (debounced). */
  onDocChange: (doc: NotebookDoc) => void;
  /** Called as a cell's source is typed, before React has the document: a page closed at once still keeps it. */
  onSourceEdit?: (cellId: string, source: string) => void;
}

/** The library's synchronous note of a typed source (nothing outside a library). */
export function useSourceEditNote(): ((cellId: string, source: string) => void) | undefined {
  return useContext(CurrentNotebookContext)?.onSourceEdit;
}

export const CurrentNotebookContext = createContext<CurrentNotebook | null>(null);

/**
 * Reports each version of `doc` for autosave and returns the open notebook's title and file name;
 * outside a library (a test rendering the app alone) it returns `fallback` and saves nothing.
 */
export function useCurrentNotebook(doc: NotebookDoc, fallback: { title: string; fileName: string }): { id?: string; title: string; fileName: string } {
  const current = useContext(CurrentNotebookContext);
  useEffect(() => {
    current?.onDocChange(doc);
  }, [current, doc]);
  return current ?? fallback;
}
