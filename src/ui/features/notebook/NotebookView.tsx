// The list of cells: selection, Jupyter's command/edit modes and keys, the selected cell's toolbar, "add cell" buttons.
import { useCallback, useEffect, useState, type Dispatch, type FocusEvent } from "react";
import type { NotebookAction } from "../../../notebook/reducer";
import type { Cell, NotebookDoc } from "../../../notebook/types";
import type { LangFilter } from "../../components/Header";
import { useBeforeUnload } from "../../hooks/use-before-unload";
import { useCommandKeys } from "../../hooks/use-command-keys";
import type { NotebookRunner } from "../../hooks/use-notebook-runner";
import { useT } from "../../i18n/lang";
import { CellBoundary } from "../cell/boundaries";
import { CellLabelsProvider } from "../cell/cell-labels";
import { CodeCell } from "../cell/CodeCell";
import { MarkdownCell } from "../cell/MarkdownCell";
import { NotebookDispatchContext } from "../charts/run-history-context";
import { isTextTarget } from "./command-keys";
import { useNotebookController } from "./use-notebook-controller";
import { useProgressiveCount } from "./use-progressive-count";
import { useResumeOffers } from "./use-resume-offers";
import "./notebook.css";

export interface NotebookViewProps {
  doc: NotebookDoc;
  dispatch: Dispatch<NotebookAction>;
  runner: NotebookRunner;
  lang: LangFilter;
  /** The open notebook's id, under which its training checkpoints are filed. */
  notebookId?: string;
}

/** Markdown cells tagged with another language are hidden by the KO/EN toggle; untagged cells always show. */
function visible(metadata: Record<string, unknown>, lang: LangFilter): boolean {
  return lang === "both" || metadata.lang === undefined || metadata.lang === lang;
}

export function NotebookView({ doc, dispatch, runner, lang, notebookId }: NotebookViewProps) {
  const t = useT();
  const isVisible = useCallback((c: Cell) => c.type === "code" || visible(c.metadata, lang), [lang]);
  const { selectedId, focus, actions, onCommand } = useNotebookController({ doc, dispatch, runner, isVisible });
  const [editing, setEditing] = useState(false);
  useCommandKeys(onCommand, ".gb-notebook");
  useBeforeUnload(doc.cells.some((c) => c.runState !== "idle"));
  const resumeOffers = useResumeOffers(notebookId, doc.cells);

  // Command mode puts the focus on the cell itself (out of any editor), so the keys reach the notebook.
  useEffect(() => {
    if (!focus) return;
    const el = document.querySelector<HTMLElement>(`.gb-notebook [data-cell-id="${CSS.escape(focus.id)}"]`);
    if (focus.mode === "command") el?.focus({ preventScroll: true });
    el?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  // The mode follows the focus: inside an editor or text field is edit mode; the cell there becomes selected.
  const onFocus = (e: FocusEvent) => {
    const inText = isTextTarget(e.target);
    setEditing(inText);
    const id = (e.target as Element).closest?.("[data-cell-id]")?.getAttribute("data-cell-id");
    if (id && inText) actions.select(id);
  };
  const onBlur = (e: FocusEvent) => {
    if (!isTextTarget(e.relatedTarget)) setEditing(false);
  };

  const visibleCells = doc.cells.filter(isVisible);
  // A long notebook renders a screenful first and the rest a chunk per task (use-progressive-count.ts).
  const wantedIndex = visibleCells.findLastIndex((c) => c.id === selectedId || c.id === focus?.id);
  const rendered = useProgressiveCount(visibleCells.length, notebookId, wantedIndex + 1);
  return (
    <NotebookDispatchContext.Provider value={dispatch}>
    <CellLabelsProvider cells={doc.cells}>
    <main className="gb-notebook" onFocus={onFocus} onBlur={onBlur}>
      {visibleCells.slice(0, rendered).map((cell, i) => {
        const selected = cell.id === selectedId;
        const common = {
          cell,
          selected,
          mode: (selected && editing ? "edit" : "command") as "edit" | "command",
          editKey: focus?.mode === "edit" && focus.id === cell.id ? focus.key : undefined,
          canMoveUp: i > 0,
          canMoveDown: i < visibleCells.length - 1,
          actions,
        };
        return (
          <CellBoundary key={cell.id} cell={cell}>
            {cell.type === "code" ? (
              <CodeCell {...common} resume={resumeOffers.get(cell.id)} onResume={runner.resumeCell} />
            ) : (
              <MarkdownCell {...common} />
            )}
          </CellBoundary>
        );
      })}
      <div className="gb-add-cells">
        <button type="button" data-testid="add-code-cell" onClick={() => actions.add(visibleCells.at(-1)?.id ?? null, "below", "code", "edit")}>
          {t.addCode}
        </button>
        <button type="button" data-testid="add-markdown-cell" onClick={() => actions.add(visibleCells.at(-1)?.id ?? null, "below", "markdown", "edit")}>
          {t.addMarkdown}
        </button>
      </div>
    </main>
    </CellLabelsProvider>
    </NotebookDispatchContext.Provider>
  );
}
