// The frame around a cell: prompt `[n]`/`[*]`, run button, elapsed time, toolbar, body and outputs; selection and mode show in its styling.
import type { ReactNode } from "react";
import { useT } from "../i18n/lang";
import { ElapsedTime } from "./ElapsedTime";

export interface CellShellProps {
  cellType: "code" | "markdown" | "raw";
  cellId: string;
  selected: boolean;
  /** Jupyter's modes, for the selected cell: typing into it ("edit") or driving the notebook by keys ("command"). */
  mode: "edit" | "command";
  runState: "idle" | "queued" | "running";
  executionCount: number | null;
  startedAt?: number | null;
  elapsedMs?: number | null;
  onSelect: () => void;
  onRun?: () => void;
  /** Shown on the selected cell. */
  toolbar?: ReactNode;
  children: ReactNode;
  outputs?: ReactNode;
}

export function CellShell(props: CellShellProps) {
  const { cellType, cellId, selected, mode, runState, executionCount, onSelect, onRun, children, outputs } = props;
  const t = useT();
  const prompt = runState === "idle" ? (executionCount ?? " ") : "*";
  const promptTitle = runState === "running" ? t.runningTitle : runState === "queued" ? t.queuedTitle : undefined;
  return (
    <section
      className={`gb-cell gb-cell-${cellType} gb-run-${runState}${selected ? ` gb-selected gb-mode-${mode}` : ""}`}
      data-testid="cell"
      data-cell-type={cellType}
      data-cell-id={cellId}
      data-run-state={runState}
      data-selected={selected}
      data-mode={selected ? mode : undefined}
      // Focusable (not in the tab order) so command mode has somewhere to put the focus.
      tabIndex={-1}
      onMouseDown={onSelect}
    >
      <div className="gb-cell-gutter">
        {cellType === "code" && (
          <>
            <button
              type="button"
              className="gb-run-button"
              data-testid="cell-run"
              title={t.runCell}
              aria-label={t.runCell}
              onClick={onRun}
              disabled={runState !== "idle"}
            >
              {runState === "idle" ? "▶" : <span className="gb-spinner" aria-hidden />}
            </button>
            <span className="gb-prompt" data-testid="execution-count" title={promptTitle}>
              [{prompt}]
            </span>
            <ElapsedTime startedAt={runState === "running" ? props.startedAt : null} elapsedMs={props.elapsedMs} title={t.elapsedTitle} />
          </>
        )}
      </div>
      <div className="gb-cell-main">
        {selected && props.toolbar}
        <div className="gb-cell-body">{children}</div>
        {outputs}
      </div>
    </section>
  );
}
