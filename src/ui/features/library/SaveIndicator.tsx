// A dot in the rail that says whether the open notebook is saved in this browser (reads the status store, so only it re-renders).
import { useSyncExternalStore } from "react";
import type { SaveStatus } from "../../../notebook/storage/autosave";
import { useT } from "../../i18n/lang";
import type { StatusStore } from "./status-store";

export function SaveIndicator({ status, off }: { status: StatusStore<SaveStatus>; off: boolean }) {
  const t = useT();
  const current = useSyncExternalStore(status.subscribe, status.get);
  const kind = current.kind;
  const state = off ? "off" : kind === "quota" || kind === "error" ? "failed" : kind;
  const label = { saved: t.saveSaved, pending: t.saveSaving, failed: t.saveFailed, off: t.saveOff }[state];
  return <span className={`gb-save-dot gb-save-${state}`} data-testid="save-status" data-state={state} data-saved-at={current.savedAt} title={label} aria-label={label} role="img" />;
}
