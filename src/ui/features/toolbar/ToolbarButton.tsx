// One toolbar entry, data-driven: an icon always, its label beside it when the toolbar is wide (else in the tooltip).
import type { ReactNode } from "react";

/** A toolbar entry. Other features add theirs as data (Header's `entries`), not as new markup. */
export interface ToolbarEntry {
  id: string;
  /** The visible text, e.g. "↻ Restart": a leading run of symbols is the icon, the rest the label. */
  text: string;
  /** Icon when `text` has none (e.g. "Clear outputs"). */
  icon?: string;
  title?: string;
  onClick: () => void;
  disabled?: boolean;
  /** Keeps its label at every width (Run all). */
  primary?: boolean;
}

/** Splits "↻▶▶ Restart & run all" into its icon "↻▶▶" and label "Restart & run all". */
export function splitIcon(text: string, fallbackIcon = ""): { icon: string; label: string } {
  const m = /^([^\p{L}\p{N}.]+)\s+(.+)$/u.exec(text);
  return m ? { icon: m[1], label: m[2] } : { icon: fallbackIcon, label: text };
}

/** `inMenu`: an entry of the overflow menu (MoreMenu), always with its label. */
export function ToolbarButton({ entry, children, inMenu = false }: { entry: ToolbarEntry; children?: ReactNode; inMenu?: boolean }) {
  const { icon, label } = splitIcon(entry.text, entry.icon);
  const title = entry.title ? `${label} — ${entry.title}` : label;
  return (
    <button
      type="button"
      className={entry.primary ? "gb-primary gb-tb" : "gb-tb"}
      role={inMenu ? "menuitem" : undefined}
      data-testid={entry.id}
      title={title}
      aria-label={label}
      disabled={entry.disabled}
      onClick={entry.onClick}
    >
      {icon && (
        <span className="gb-tb-icon" aria-hidden>
          {icon}
        </span>
      )}
      <span className={entry.primary || !icon || inMenu ? "gb-tb-label gb-tb-keep" : "gb-tb-label"}>{label}</span>
      {children}
    </button>
  );
}
