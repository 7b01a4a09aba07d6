// Small constructors for cells and documents (cell ids are nbformat 4.5 ids, from src/io/ipynb.ts).
import { newCellId } from "../io/ipynb";
import type { Cell, CellType, NotebookDoc } from "./types";

export { newCellId };

export function makeCell(type: CellType, source = "", init: Partial<Cell> = {}): Cell {
  return {
    id: newCellId(),
    type,
    source,
    outputs: [],
    executionCount: null,
    metadata: {},
    runState: "idle",
    runId: null,
    ...init,
  };
}

export function makeNotebook(cells: Cell[] = [], metadata: Record<string, unknown> = {}): NotebookDoc {
  return { cells, metadata, nextExecutionCount: 1 };
}
