// The selected cell's toolbar: run above/below, move, insert, change type, clear outputs, delete.
import type { MouseEvent } from "react";
import { useT } from "../i18n/lang";

export interface CellToolbarProps {
  cellType: "code" | "markdown" | "raw";
  canMoveUp: boolean;
  canMoveDown: boolean;
  hasOutputs: boolean;
  onRunAbove: () => void;
  onRunBelow: () => void;
  onMove: (delta: -1 | 1) => void;
  onAdd: (where: "above" | "below") => void;
  onToggleType: () => void;
  onClearOutputs: () => void;
  onDelete: () => void;
}

export function CellToolbar(props: CellToolbarProps) {
  const t = useT();
  const code = props.cellType === "code";
  // Buttons never take focus from the editor or the cell: command-mode keys keep working after a click.
  const keep = (e: MouseEvent) => e.preventDefault();
  const button = (testId: string, label: string, title: string, onClick: () => void, disabled = false) => (
    <button type="button" data-testid={testId} title={title} aria-label={title} onMouseDown={keep} onClick={onClick} disabled={disabled}>
      {label}
    </button>
  );
  return (
    <div className="gb-cell-toolbar" role="toolbar" aria-label={t.cellToolbarLabel} onMouseDown={(e) => e.stopPropagation()}>
      {button("run-all-above", "⇡▶", t.runAllAbove, props.onRunAbove, !props.canMoveUp)}
      {button("run-all-below", "▶⇣", t.runAllBelow, props.onRunBelow)}
      <span className="gb-toolbar-sep" />
      {button("move-up", "↑", t.moveUp, () => props.onMove(-1), !props.canMoveUp)}
      {button("move-down", "↓", t.moveDown, () => props.onMove(1), !props.canMoveDown)}
      {button("add-cell-above", "+↑", t.addCellAbove, () => props.onAdd("above"))}
      {button("add-cell-below", "+↓", t.addCellBelow, () => props.onAdd("below"))}
      {button("cell-type-toggle", code ? "M↓" : "{ }", code ? t.toMarkdown : t.toCode, props.onToggleType)}
      {code && button("clear-outputs", "⌫", t.clearCellOutputs, props.onClearOutputs, !props.hasOutputs)}
      {button("delete-cell", "✕", t.deleteCellTitle, props.onDelete)}
    </div>
  );
}
