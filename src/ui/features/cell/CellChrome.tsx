// The selected cell's toolbar wired to the notebook's cell actions (shared by code and Markdown cells).
import type { Cell } from "../../../notebook/types";
import { CellToolbar } from "../../components/CellToolbar";
import type { CellActions } from "../notebook/use-notebook-controller";

export interface CellChromeProps {
  cell: Cell;
  canMoveUp: boolean;
  canMoveDown: boolean;
  actions: CellActions;
}

export function SelectedCellToolbar({ cell, canMoveUp, canMoveDown, actions }: CellChromeProps) {
  const id = cell.id;
  return (
    <CellToolbar
      cellType={cell.type}
      canMoveUp={canMoveUp}
      canMoveDown={canMoveDown}
      hasOutputs={cell.outputs.length > 0}
      onRunAbove={() => actions.runAbove(id)}
      onRunBelow={() => actions.runBelow(id)}
      onMove={(delta) => actions.move(id, delta)}
      onAdd={(where) => actions.add(id, where)}
      onToggleType={() => actions.toggleType(id)}
      onClearOutputs={() => actions.clearOutputs(id)}
      onDelete={() => actions.remove(id)}
    />
  );
}

/** Props every cell component takes from the notebook view. */
export interface CellProps extends CellChromeProps {
  selected: boolean;
  mode: "edit" | "command";
  /** Changes when the notebook wants this cell's editor opened and focused. */
  editKey?: number;
}
