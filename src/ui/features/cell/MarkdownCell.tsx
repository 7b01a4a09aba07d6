// A Markdown cell: sanitized HTML; Enter or double-click edits the source; Shift/Ctrl/Alt+Enter, Esc or leaving renders it.
import { memo, useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { CellShell } from "../../components/CellShell";
import { useT } from "../../i18n/lang";
import { renderMarkdown } from "../markdown/render-markdown";
import { SelectedCellToolbar, type CellProps } from "./CellChrome";

export const MarkdownCell = memo(function MarkdownCell(props: CellProps) {
  const { cell, selected, mode, editKey, actions } = props;
  const t = useT();
  const [editing, setEditing] = useState(false);
  const html = useMemo(() => renderMarkdown(cell.source), [cell.source]);
  const lang = typeof cell.metadata.lang === "string" ? cell.metadata.lang : undefined;
  const id = cell.id;

  useEffect(() => {
    if (editKey !== undefined) setEditing(true);
  }, [editKey]);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter that ends a Hangul syllable belongs to the input method, not to us.
    if (e.nativeEvent.isComposing) return;
    if (e.key === "Escape") {
      e.preventDefault();
      actions.commandMode(id);
      return;
    }
    if (e.key !== "Enter") return;
    const then = e.shiftKey ? "next" : e.ctrlKey || e.metaKey ? "stay" : e.altKey ? "insert" : null;
    if (then === null) return;
    e.preventDefault();
    setEditing(false);
    actions.run(id, then);
  };

  return (
    <CellShell
      cellType="markdown"
      cellId={id}
      selected={selected}
      mode={mode}
      runState="idle"
      executionCount={null}
      onSelect={() => actions.select(id)}
      toolbar={<SelectedCellToolbar {...props} />}
    >
      {editing ? (
        <textarea
          className="gb-markdown-source"
          data-testid="markdown-source"
          value={cell.source}
          autoFocus
          rows={Math.max(3, cell.source.split("\n").length + 1)}
          placeholder={t.markdownPlaceholder}
          onChange={(e) => actions.change(id, e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setEditing(false)}
        />
      ) : (
        <div
          className={`gb-markdown${cell.source.trim() === "" ? " gb-markdown-empty" : ""}`}
          data-testid="markdown-rendered"
          lang={lang}
          title={t.doubleClickToEdit}
          onDoubleClick={() => actions.editMode(id)}
          dangerouslySetInnerHTML={{ __html: cell.source.trim() === "" ? "" : html }}
          data-placeholder={t.markdownPlaceholder}
        />
      )}
    </CellShell>
  );
});
