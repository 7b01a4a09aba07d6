// One entry of the notebook list: open on click; rename inline; duplicate; delete or reset after an inline confirmation.
import { useState } from "react";
import { useT } from "../../i18n/lang";
import { Icon } from "./icons";

export interface NotebookItemProps {
  id: string;
  title: string;
  current: boolean;
  /** A tutorial: no rename or delete; "reset to original" once it has a stored copy. */
  tutorial: boolean;
  edited: boolean;
  onOpen: (id: string) => void;
  onDuplicate: (id: string) => void;
  onRename?: (id: string, title: string) => void;
  /** Delete (own notebook) or reset (tutorial copy), after confirmation. */
  onRemove?: (id: string) => void;
}

export function NotebookItem(props: NotebookItemProps) {
  const { id, title, current, tutorial, edited } = props;
  const t = useT();
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const removable = props.onRemove && (!tutorial || edited);

  const commit = (value: string) => {
    setMode("view");
    if (value.trim() && value.trim() !== title) props.onRename?.(id, value);
  };

  return (
    <li className={`gb-nb-item${current ? " gb-nb-current" : ""}`} data-testid="notebook-item" data-notebook-id={id} data-current={current}>
      {mode === "rename" ? (
        <input
          className="gb-nb-rename"
          data-testid="rename-input"
          defaultValue={title}
          aria-label={t.rename}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onBlur={(e) => commit(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit(e.currentTarget.value);
            if (e.key === "Escape") setMode("view");
          }}
        />
      ) : (
        <button type="button" className="gb-nb-open" title={title} aria-current={current || undefined} onClick={() => props.onOpen(id)}>
          <span className="gb-nb-title">{title}</span>
          {tutorial && edited && <span className="gb-nb-badge">{t.edited}</span>}
        </button>
      )}
      {mode === "view" && (
        <span className="gb-nb-actions">
          {props.onRename && !tutorial && (
            <button type="button" data-testid="rename-notebook" title={t.rename} aria-label={t.rename} onClick={() => setMode("rename")}>
              <Icon name="rename" />
            </button>
          )}
          <button type="button" data-testid="duplicate-notebook" title={t.duplicate} aria-label={t.duplicate} onClick={() => props.onDuplicate(id)}>
            <Icon name="duplicate" />
          </button>
          {removable && (
            <button
              type="button"
              data-testid={tutorial ? "reset-notebook" : "delete-notebook"}
              title={tutorial ? t.resetToOriginal : t.delete}
              aria-label={tutorial ? t.resetToOriginal : t.delete}
              onClick={() => setMode("confirm")}
            >
              <Icon name={tutorial ? "reset" : "delete"} />
            </button>
          )}
        </span>
      )}
      {mode === "confirm" && (
        <div className="gb-nb-confirm" role="alertdialog" aria-label={tutorial ? t.resetToOriginal : t.delete}>
          <p>{tutorial ? t.confirmReset(title) : t.confirmDelete(title)}</p>
          <button type="button" className="gb-danger" data-testid="confirm-remove" onClick={() => (setMode("view"), props.onRemove?.(id))}>
            {tutorial ? t.resetToOriginal : t.delete}
          </button>
          <button type="button" data-testid="cancel-remove" onClick={() => setMode("view")}>
            {t.cancel}
          </button>
        </div>
      )}
    </li>
  );
}
