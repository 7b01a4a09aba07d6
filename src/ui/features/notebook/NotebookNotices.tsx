// Banners above the notebook: what loading dropped (malformed outputs, run records) and why a download failed.
import { useState } from "react";
import { useT } from "../../i18n/lang";

/** Notes listed in full; the rest are counted. */
const SHOWN = 8;

export interface NotebookNoticesProps {
  loadNotes: readonly string[];
  downloadError: string | null;
  onDismissDownload: () => void;
}

export function NotebookNotices({ loadNotes, downloadError, onDismissDownload }: NotebookNoticesProps) {
  const t = useT();
  const [notesOpen, setNotesOpen] = useState(loadNotes.length > 0);
  if (!notesOpen && !downloadError) return null;
  return (
    <div className="gb-banners">
      {downloadError && (
        <div className="gb-banner gb-banner-error" role="alert" data-testid="download-error">
          {t.downloadFailed(downloadError)}
          <button type="button" aria-label="Dismiss" onClick={onDismissDownload}>
            ×
          </button>
        </div>
      )}
      {notesOpen && (
        <div className="gb-banner gb-banner-warn" role="status" data-testid="load-notes">
          <div>
            {t.loadNotes(String(loadNotes.length))}
            <ul className="gb-load-notes">
              {loadNotes.slice(0, SHOWN).map((note, i) => (
                <li key={i}>{note}</li>
              ))}
              {loadNotes.length > SHOWN && <li>{t.loadNotesMore(String(loadNotes.length - SHOWN))}</li>}
            </ul>
          </div>
          <button type="button" aria-label="Dismiss" onClick={() => setNotesOpen(false)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
