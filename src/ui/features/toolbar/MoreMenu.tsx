// The toolbar's overflow menu: entries other features add (exports, uploads) live here, so the bar never grows past one row.
import { useEffect, useRef, useState } from "react";
import { useViewT } from "../../i18n/view-strings";
import { ToolbarButton, type ToolbarEntry } from "./ToolbarButton";

export function MoreMenu({ entries }: { entries: readonly ToolbarEntry[] }) {
  const s = useViewT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", away);
    document.addEventListener("keydown", esc);
    return () => {
      document.removeEventListener("pointerdown", away);
      document.removeEventListener("keydown", esc);
    };
  }, [open]);
  if (entries.length === 0) return null;
  return (
    <span className="gb-more" ref={root}>
      <button type="button" className="gb-tb" data-testid="toolbar-more" aria-haspopup="menu" aria-expanded={open} title={s.moreActions} aria-label={s.moreActions} onClick={() => setOpen((o) => !o)}>
        ⋯
      </button>
      {open && (
        <span className="gb-more-menu" role="menu">
          {entries.map((e) => (
            <ToolbarButton key={e.id} entry={{ ...e, onClick: () => (setOpen(false), e.onClick()) }} inMenu />
          ))}
        </span>
      )}
    </span>
  );
}
