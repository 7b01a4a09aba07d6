// What a traceback looks like on the page: cells named as Jupyter does (`In [7], line 3`), engine frames hidden unless asked.

/** The part of a notebook cell the labels need. */
export interface CodeCellLike {
  id: string;
  type: string;
  executionCount: number | null;
}

/** Must match kernel/compiler/compile-cell.ts's cellTag: stack frames name a cell's file `cell-<tag>.ts`. */
export function cellTagOf(cellId: string): string {
  return cellId.replace(/[^A-Za-z0-9_-]/g, "_") || "_";
}

/**
 * Label per cell tag: `In [n]` for a cell that ran (its execution count), else its position among the code cells
 * (`position(k)`, 1-based), as Jupyter names cells in tracebacks.
 */
export function cellLabels(cells: readonly CodeCellLike[], position: (k: string) => string): Map<string, string> {
  const labels = new Map<string, string>();
  let k = 0;
  for (const c of cells) {
    if (c.type !== "code") continue;
    k += 1;
    labels.set(cellTagOf(c.id), c.executionCount != null ? `In [${c.executionCount}]` : position(String(k)));
  }
  return labels;
}

// The kernel's frame lines (kernel/compiler/stack.ts): "  Cell <tag>, line k[, in fn]", engine frames "  in fn" and a count.
const CELL_FRAME = /^( {2})Cell ([A-Za-z0-9_-]+)(?=,|$)/;
const ENGINE_FRAME = /^ {2}(?:in |… \d+ more frames inside the library)/;

/** Lines to show: cell frames relabelled; engine frames dropped unless `showEngine`. `hidden` counts what was dropped. */
export function viewTraceback(lines: readonly string[], labels: ReadonlyMap<string, string>, showEngine: boolean): { lines: string[]; hidden: number } {
  const out: string[] = [];
  let hidden = 0;
  for (const line of lines) {
    if (ENGINE_FRAME.test(line)) {
      hidden += 1;
      if (!showEngine) continue;
    }
    out.push(line.replace(CELL_FRAME, (whole, indent: string, tag: string) => (labels.has(tag) ? `${indent}${labels.get(tag)}` : whole)));
  }
  return { lines: out, hidden };
}
