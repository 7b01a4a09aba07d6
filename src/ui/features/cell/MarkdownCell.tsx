// A Markdown cell: sanitized HTML; double-click to edit the source, Shift+Enter or leaving the cell renders it again.
import { memo, useMemo, useState, type KeyboardEvent } from "react";
import type { Cell } from "../../../notebook/types";
import { CellShell } from "../../components/CellShell";
import { renderMarkdown } from "../markdown/render-markdown";

export interface MarkdownCellProps {
  cell: Cell;
  selected: boolean;
  onSelect: (id: string) => void;
  onChange: (id: string, source: string) => void;
  onDone: (id: string) => void;
  onDelete: (id: string) => void;
}

export const MarkdownCell = memo(function MarkdownCell({ cell, selected, onSelect, onChange, onDone, onDelete }: MarkdownCellProps) {
  const [editing, setEditing] = useState(cell.source.trim() === "");
  const html = useMemo(() => renderMarkdown(cell.source), [cell.source]);
  const lang = typeof cell.metadata.lang === "string" ? cell.metadata.lang : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setEditing(false);
      if (e.shiftKey) onDone(cell.id);
    }
  };

  return (
    <CellShell
      cellType="markdown"
      cellId={cell.id}
      selected={selected}
      runState="idle"
      executionCount={null}
      onSelect={() => onSelect(cell.id)}
      onDelete={() => onDelete(cell.id)}
    >
      {editing ? (
        <textarea
          className="gb-markdown-source"
          value={cell.source}
          autoFocus
          rows={Math.max(3, cell.source.split("\n").length + 1)}
          placeholder="Markdown… (Shift+Enter to render)"
          onChange={(e) => onChange(cell.id, e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setEditing(false)}
        />
      ) : (
        <div
          className="gb-markdown"
          lang={lang}
          title="Double-click to edit"
          onDoubleClick={() => setEditing(true)}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </CellShell>
  );
});
