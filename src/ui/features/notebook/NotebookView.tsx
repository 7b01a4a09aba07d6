// The list of cells with selection and keyboard flow (Shift+Enter runs and moves on), plus "add cell" buttons.
import { useCallback, useRef, useState, type Dispatch } from "react";
import { newCellId } from "../../../notebook/cells";
import type { NotebookAction } from "../../../notebook/reducer";
import type { NotebookDoc } from "../../../notebook/types";
import type { LangFilter } from "../../components/Header";
import { CodeCell } from "../cell/CodeCell";
import { MarkdownCell } from "../cell/MarkdownCell";

export interface NotebookViewProps {
  doc: NotebookDoc;
  dispatch: Dispatch<NotebookAction>;
  runCell: (id: string) => void;
  lang: LangFilter;
}

/** Markdown cells tagged with another language are hidden by the KO/EN toggle; untagged cells always show. */
function visible(metadata: Record<string, unknown>, lang: LangFilter): boolean {
  return lang === "both" || metadata.lang === undefined || metadata.lang === lang;
}

export function NotebookView({ doc, dispatch, runCell, lang }: NotebookViewProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; key: number } | null>(null);
  const docRef = useRef(doc);
  docRef.current = doc;
  const langRef = useRef(lang);
  langRef.current = lang;

  /** Selects the cell after `id` that the reader can see, adding a code cell at the end like Jupyter. */
  const advanceFrom = useCallback(
    (id: string) => {
      const cells = docRef.current.cells;
      const index = cells.findIndex((c) => c.id === id);
      const next = cells.slice(index + 1).find((c) => c.type === "code" || visible(c.metadata, langRef.current));
      const nextId = next?.id ?? newCellId();
      if (!next) dispatch({ type: "add-cell", cellType: "code", afterId: id, id: nextId });
      setSelectedId(nextId);
      setFocus((f) => ({ id: nextId, key: (f?.key ?? 0) + 1 }));
    },
    [dispatch],
  );

  const onRun = useCallback(
    (id: string, advance: "stay" | "next") => {
      runCell(id);
      if (advance === "next") advanceFrom(id);
    },
    [runCell, advanceFrom],
  );
  const onChange = useCallback((id: string, source: string) => dispatch({ type: "update-source", id, source }), [dispatch]);
  const onDelete = useCallback((id: string) => dispatch({ type: "delete-cell", id }), [dispatch]);
  const addCell = (cellType: "code" | "markdown") => {
    const id = newCellId();
    dispatch({ type: "add-cell", cellType, id });
    setSelectedId(id);
    if (cellType === "code") setFocus((f) => ({ id, key: (f?.key ?? 0) + 1 }));
  };

  return (
    <main className="gb-notebook">
      {doc.cells.map((cell) =>
        cell.type === "code" ? (
          <CodeCell
            key={cell.id}
            cell={cell}
            selected={cell.id === selectedId}
            focusKey={focus?.id === cell.id ? focus.key : undefined}
            onSelect={setSelectedId}
            onRun={onRun}
            onChange={onChange}
            onDelete={onDelete}
          />
        ) : visible(cell.metadata, lang) ? (
          <MarkdownCell
            key={cell.id}
            cell={cell}
            selected={cell.id === selectedId}
            onSelect={setSelectedId}
            onChange={onChange}
            onDone={advanceFrom}
            onDelete={onDelete}
          />
        ) : null,
      )}
      <div className="gb-add-cells">
        <button type="button" onClick={() => addCell("code")}>
          + Code
        </button>
        <button type="button" onClick={() => addCell("markdown")}>
          + Markdown
        </button>
      </div>
    </main>
  );
}
