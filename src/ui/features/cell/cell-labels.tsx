// The notebook's cell labels for tracebacks (`In [7]`), shared with every error output through a React context.
import { createContext, useMemo, type ReactNode } from "react";
import { useViewT } from "../../i18n/view-strings";
import { cellLabels, type CodeCellLike } from "./traceback-view";

export type { CodeCellLike } from "./traceback-view";

/** Cell tag → `In [n]` (or its position). Empty outside a notebook: tracebacks then keep the kernel's names. */
export const CellLabelsContext = createContext<ReadonlyMap<string, string>>(new Map());

/** Recomputes the labels only when a cell's id, kind or count changes (not on every keystroke). */
export function CellLabelsProvider({ cells, children }: { cells: readonly CodeCellLike[]; children: ReactNode }) {
  const s = useViewT();
  const key = cells.map((c) => `${c.type[0]}${c.id}:${c.executionCount ?? ""}`).join(",");
  // `key` stands for the parts of `cells` the labels read.
  const labels = useMemo(() => cellLabels(cells, s.cellAtPosition), [key, s]);
  return <CellLabelsContext.Provider value={labels}>{children}</CellLabelsContext.Provider>;
}
