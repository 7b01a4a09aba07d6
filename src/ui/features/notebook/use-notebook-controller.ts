// Selection, Jupyter's edit/command modes and the cell operations (add, delete + undo, move, type, clear, run) as stable actions.
import { useCallback, useMemo, useRef, useState, type Dispatch } from "react";
import { newCellId } from "../../../notebook/cells";
import type { NotebookAction } from "../../../notebook/reducer";
import type { Cell, CellType, NotebookDoc } from "../../../notebook/types";
import type { NotebookRunner } from "../../hooks/use-notebook-runner";
import { useSourceEditNote } from "../library/current-notebook";
import type { NotebookCommand } from "./command-keys";

/** What the cells may do; one stable object, so memoised cells do not re-render when the notebook does. */
export interface CellActions {
  select(id: string): void;
  /**
   * Runs a code cell (renders a Markdown one), then stays, moves to the next cell, or inserts a new one below.
   * `source`: the editor's text at that moment, which the document may not have caught up with yet.
   */
  run(id: string, then: "stay" | "next" | "insert", source?: string): void;
  change(id: string, source: string): void;
  /** Inserts a cell next to `id` (or at the end) and selects it; "edit" opens its editor (the + buttons), "command" does not (A, B). */
  add(id: string | null, where: "above" | "below", cellType?: CellType, mode?: "edit" | "command"): void;
  remove(id: string): void;
  undoRemove(): void;
  move(id: string, delta: -1 | 1): void;
  toggleType(id: string): void;
  clearOutputs(id: string): void;
  runAbove(id: string): void;
  runBelow(id: string): void;
  /** Esc in an editor: leave it, keep the cell selected. */
  commandMode(id: string): void;
  /** Enter on a selected cell: open its editor. */
  editMode(id: string): void;
}

/** Where the keyboard focus should go next: into a cell's editor, or onto the cell itself (command mode). */
export interface FocusRequest {
  id: string;
  mode: "edit" | "command";
  key: number;
}

interface Deleted {
  cell: Cell;
  index: number;
}

/** Deleted cells kept for Z, newest last (Jupyter keeps a similar short stack). */
const TRASH_LIMIT = 50;

export function useNotebookController(opts: {
  doc: NotebookDoc;
  dispatch: Dispatch<NotebookAction>;
  runner: NotebookRunner;
  isVisible: (cell: Cell) => boolean;
}) {
  const { dispatch, runner } = opts;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const latest = useRef(opts);
  latest.current = opts;
  const editNote = useSourceEditNote();
  const noteEdit = useRef(editNote);
  noteEdit.current = editNote;
  const trash = useRef<Deleted[]>([]);

  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;

  const visibleCells = () => latest.current.doc.cells.filter(latest.current.isVisible);
  /** The selected cell, or the first visible one when nothing (or a cell since removed) is selected. */
  const current = (): string | null => {
    const cells = visibleCells();
    return cells.find((c) => c.id === selectedRef.current)?.id ?? cells[0]?.id ?? null;
  };

  const focusOn = useCallback((id: string, mode: "edit" | "command") => {
    selectedRef.current = id;
    setSelectedId(id);
    setFocus((f) => ({ id, mode, key: (f?.key ?? 0) + 1 }));
  }, []);

  const actions = useMemo<CellActions>(() => {
    const find = (id: string) => latest.current.doc.cells.find((c) => c.id === id);
    const neighbour = (id: string, delta: -1 | 1): string | null => {
      const cells = visibleCells();
      const i = cells.findIndex((c) => c.id === id);
      return i < 0 ? null : (cells[i + delta]?.id ?? null);
    };
    const add: CellActions["add"] = (id, where, cellType = "code", mode = "command") => {
      const newId = newCellId();
      const place = id === null ? {} : where === "above" ? { beforeId: id } : { afterId: id };
      dispatch({ type: "add-cell", cellType, id: newId, ...place });
      focusOn(newId, mode);
    };
    const self: CellActions = {
      select: (id) => {
        if (selectedRef.current === id) return;
        selectedRef.current = id;
        setSelectedId(id);
      },
      run: (id, then, source) => {
        const cell = find(id);
        if (!cell) return;
        if (source !== undefined && source !== cell.source) dispatch({ type: "update-source", id, source });
        if (cell.type === "code") runner.runCell(id, source);
        if (then === "insert") {
          const newId = newCellId();
          dispatch({ type: "add-cell", cellType: "code", afterId: id, id: newId });
          focusOn(newId, "edit");
        } else if (then === "next") {
          const next = neighbour(id, 1);
          if (next) focusOn(next, "command");
          else {
            // Like Jupyter: running the last cell adds an empty one to type into.
            const newId = newCellId();
            dispatch({ type: "add-cell", cellType: "code", afterId: id, id: newId });
            focusOn(newId, "edit");
          }
        } else if (cell.type !== "code") focusOn(id, "command");
      },
      change: (id, source) => {
        noteEdit.current?.(id, source); // before React renders it: a reload right now still keeps it
        dispatch({ type: "update-source", id, source });
      },
      add,
      remove: (id) => {
        const cells = latest.current.doc.cells;
        const index = cells.findIndex((c) => c.id === id);
        if (index < 0) return;
        trash.current = [...trash.current.slice(-(TRASH_LIMIT - 1)), { cell: cells[index], index }];
        const next = neighbour(id, 1) ?? neighbour(id, -1);
        dispatch({ type: "delete-cell", id });
        if (next) focusOn(next, "command");
      },
      undoRemove: () => {
        const last = trash.current.pop();
        if (!last) return;
        dispatch({ type: "restore-cell", cell: last.cell, index: last.index });
        focusOn(last.cell.id, "command");
      },
      move: (id, delta) => {
        const hidden = latest.current.doc.cells.filter((c) => !latest.current.isVisible(c)).map((c) => c.id);
        dispatch({ type: "move-cell", id, delta, skip: hidden });
        // Moving a cell's DOM node drops the focus: give it back where it was.
        const editing = document.activeElement?.closest(`[data-cell-id="${CSS.escape(id)}"] .monaco-editor, textarea`) != null;
        focusOn(id, editing ? "edit" : "command");
      },
      toggleType: (id) => {
        const cell = find(id);
        if (!cell) return;
        dispatch({ type: "set-cell-type", id, cellType: cell.type === "code" ? "markdown" : "code" });
        focusOn(id, "command");
      },
      clearOutputs: (id) => dispatch({ type: "clear-outputs", id }),
      runAbove: (id) => runner.runAbove(id),
      runBelow: (id) => runner.runBelow(id),
      commandMode: (id) => focusOn(id, "command"),
      editMode: (id) => focusOn(id, "edit"),
    };
    return self;
    // visibleCells and current read refs only, so the actions never go stale.
  }, [dispatch, runner, focusOn]);

  /** A command-mode key, applied to the selected cell. */
  const onCommand = useCallback(
    (command: NotebookCommand) => {
      const id = current();
      switch (command) {
        case "insert-above":
        case "insert-below":
          return actions.add(id, command === "insert-above" ? "above" : "below");
        case "undo-delete":
          return actions.undoRemove();
        case "interrupt":
          return runner.interrupt();
        case "restart":
          return runner.restart();
      }
      if (id === null) return;
      switch (command) {
        case "edit":
          return actions.editMode(id);
        case "run":
          return actions.run(id, "stay");
        case "run-next":
          return actions.run(id, "next");
        case "run-insert":
          return actions.run(id, "insert");
        case "delete":
          return actions.remove(id);
        case "to-markdown":
        case "to-code":
        case "to-raw": {
          // Jupyter's M, Y and R: the cell becomes that type (a raw cell's M makes Markdown, not code).
          const cellType = command === "to-code" ? "code" : command === "to-raw" ? "raw" : "markdown";
          const cell = latest.current.doc.cells.find((c) => c.id === id);
          if (cell && cell.type !== cellType) {
            dispatch({ type: "set-cell-type", id, cellType });
            focusOn(id, "command");
          }
          return;
        }
        case "select-prev":
        case "select-next": {
          const cells = visibleCells();
          const i = cells.findIndex((c) => c.id === id);
          const next = cells[i + (command === "select-next" ? 1 : -1)];
          if (next) focusOn(next.id, "command");
          return;
        }
      }
    },
    [actions, runner, focusOn, dispatch],
  );

  return { selectedId: current(), focus, actions, onCommand };
}
