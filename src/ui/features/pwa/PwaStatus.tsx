// The status bar's isolation badge (how the thread pool's cross-origin isolation was obtained) and the update prompt.
import { useEffect, useState } from "react";
import { useLang } from "../../i18n/lang";
import { applyUpdate, onUpdateReady, type Isolation } from "./service-worker";
import { PWA_STRINGS } from "./strings";
import "./pwa.css";

export function IsolationBadge({ isolation }: { isolation: Isolation }) {
  const t = PWA_STRINGS[useLang().lang];
  const how =
    isolation.source === "headers" ? t.isolationHeaders : isolation.source === "service-worker" ? t.isolationServiceWorker : t.isolationNone;
  return (
    <>
      <span className="gb-status-label">{t.isolationLabel}</span>
      <span data-testid="isolation" data-source={isolation.source} className="gb-isolation" title={t.isolationTitle(how, isolation.why ?? "")}>
        {how}
      </span>
    </>
  );
}

/** Shown when a new deploy is installed and waiting; Reload switches every file at once. */
export function UpdatePrompt() {
  const t = PWA_STRINGS[useLang().lang];
  const [ready, setReady] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => onUpdateReady((w) => setReady(w !== null)), []);
  if (!ready || dismissed) return null;
  return (
    <div className="gb-update-prompt" role="status" data-testid="update-prompt">
      <span>{t.updateReady}</span>
      <button type="button" className="gb-primary" data-testid="update-reload" onClick={applyUpdate}>
        {t.updateReload}
      </button>
      <button type="button" onClick={() => setDismissed(true)}>
        {t.updateLater}
      </button>
    </div>
  );
}
