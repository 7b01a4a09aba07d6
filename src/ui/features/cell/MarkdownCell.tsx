// A Markdown cell (sanitized HTML, attachments resolved) or a raw cell (its text as written); Enter or double-click edits the source; Shift/Ctrl/Alt+Enter, Esc or leaving renders it.
import { memo, useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { CellShell } from "../../components/CellShell";
import { useT } from "../../i18n/lang";
import { resolveAttachments } from "../../../notebook/attachments";
import { renderMarkdown } from "../markdown/render-markdown";
import { SelectedCellToolbar, type CellProps } from "./CellChrome";

export const MarkdownCell = memo(function MarkdownCell(props: CellProps) {
  const { cell, selected, mode, editKey, actions } = props;
  const t = useT();
  const [editing, setEditing] = useState(false);
  const raw = cell.type === "raw";
  const html = useMemo(() => (raw ? "" : renderMarkdown(resolveAttachments(cell.source, cell.attachments))), [raw, cell.source, cell.attachments]);
  // nbformat 4 names a raw cell's target in metadata.format (older files: raw_mimetype).
  const rawFormat = [cell.metadata.format, cell.metadata.raw_mimetype].find((f) => typeof f === "string") as string | undefined;
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
      cellType={raw ? "raw" : "markdown"}
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
      ) : raw ? (
        <div className="gb-raw" data-testid="raw-rendered" title={t.doubleClickToEdit} onDoubleClick={() => actions.editMode(id)}>
          <div className="gb-raw-label" data-testid="raw-format">
            {t.rawCellLabel}
            {rawFormat ? ` · ${rawFormat}` : ""}
          </div>
          <pre className="gb-raw-source">{cell.source}</pre>
        </div>
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
