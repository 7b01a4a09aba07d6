// Notices in the corner: storage full or unavailable (stays until saving works), a file that could not be opened.
import { useSyncExternalStore } from "react";
import type { SaveStatus } from "../../../notebook/storage/autosave";
import { useT } from "../../i18n/lang";
import type { StatusStore } from "./status-store";
import { conflictStore, takeOverCurrent } from "./tab-presence";
import type { Notice } from "./use-library";

export interface LibraryNoticesProps {
  saveStatus: StatusStore<SaveStatus>;
  unavailable: string | null;
  notice: Notice;
  onDismiss: () => void;
}

export function LibraryNotices({ saveStatus, unavailable, notice, onDismiss }: LibraryNoticesProps) {
  const t = useT();
  const status = useSyncExternalStore(saveStatus.subscribe, saveStatus.get);
  const conflict = useSyncExternalStore(conflictStore.subscribe, conflictStore.get);
  const storage =
    unavailable ??
    (status.kind === "quota" ? t.storageFull : status.kind === "error" && !conflict ? t.storageError(status.message) : null);
  if (!storage && !notice && !conflict) return null;
  return (
    <div className="gb-notices">
      {conflict && (
        <div className="gb-notice gb-notice-warn" role="alert" data-testid="tab-conflict">
          <span>{t.openInAnotherTab}</span>
          <button type="button" data-testid="take-over" onClick={takeOverCurrent}>
            {t.takeOver}
          </button>
        </div>
      )}
      {storage && (
        <div className="gb-notice gb-notice-warn" role="alert" data-testid="storage-warning" data-kind={unavailable ? "unavailable" : status.kind}>
          {storage}
        </div>
      )}
      {notice && (
        <div className="gb-notice gb-notice-error" role="alert" data-testid={notice.kind}>
          <span>{notice.text}</span>
          <button type="button" aria-label={t.dismiss} onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
