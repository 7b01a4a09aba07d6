// The frame around a cell: prompt, run button, body and outputs; selection and run state show in its styling.
import type { ReactNode } from "react";

export interface CellShellProps {
  cellType: "code" | "markdown";
  cellId: string;
  selected: boolean;
  runState: "idle" | "queued" | "running";
  executionCount: number | null;
  onSelect: () => void;
  onRun?: () => void;
  onDelete?: () => void;
  children: ReactNode;
  outputs?: ReactNode;
}

export function CellShell(props: CellShellProps) {
  const { cellType, cellId, selected, runState, executionCount, onSelect, onRun, onDelete, children, outputs } = props;
  const prompt = runState === "idle" ? (executionCount ?? " ") : "*";
  return (
    <section
      className={`gb-cell gb-cell-${cellType} gb-run-${runState}${selected ? " gb-selected" : ""}`}
      data-testid="cell"
      data-cell-type={cellType}
      data-cell-id={cellId}
      data-run-state={runState}
      onMouseDown={onSelect}
    >
      <div className="gb-cell-gutter">
        {cellType === "code" && (
          <>
            <button
              type="button"
              className="gb-run-button"
              data-testid="cell-run"
              title="Run cell (Shift+Enter)"
              aria-label="Run cell"
              onClick={onRun}
              disabled={runState !== "idle"}
            >
              {runState === "idle" ? "▶" : <span className="gb-spinner" aria-hidden />}
            </button>
            <span className="gb-prompt">[{prompt}]</span>
          </>
        )}
      </div>
      <div className="gb-cell-main">
        <div className="gb-cell-body">{children}</div>
        {outputs}
      </div>
      {onDelete && (
        <button type="button" className="gb-cell-delete" title="Delete cell" aria-label="Delete cell" onClick={onDelete}>
          ×
        </button>
      )}
    </section>
  );
}
