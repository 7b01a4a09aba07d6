// `?open=https://…/nb.ipynb`: asks the learner first, downloads the notebook, and opens a copy in their library.
import { useState } from "react";
import { useLang } from "../../i18n/lang";
import { downloadNotebook, parseOpenUrl } from "./open-url";
import { PWA_STRINGS } from "./strings";

/** Removes `open` from the address bar, so a reload does not ask again. */
function forgetOpenParam(): void {
  const u = new URL(location.href);
  u.searchParams.delete("open");
  history.replaceState(history.state, "", u.href);
}

export function OpenFromUrl({ search, onFile }: { search: string; onFile: (file: File) => Promise<void> | void }) {
  const t = PWA_STRINGS[useLang().lang];
  const [target] = useState(() => parseOpenUrl(search, location.origin));
  const [state, setState] = useState<"ask" | "busy" | "done" | { error: string }>(() => (target && "error" in target ? { error: target.error } : "ask"));
  if (!target || state === "done") return null;
  const href = "url" in target ? target.url.href : (new URLSearchParams(search).get("open") ?? "");
  if (typeof state === "object") {
    return (
      <div className="gb-pwa-notice gb-pwa-error" role="alert" data-testid="open-url-error">
        <span>{t.openUrlFailed(href, state.error)}</span>
        <button type="button" aria-label="Dismiss" onClick={() => (forgetOpenParam(), setState("done"))}>
          ×
        </button>
      </div>
    );
  }
  const open = async () => {
    if (!("url" in target)) return;
    setState("busy");
    try {
      const file = await downloadNotebook(target.url);
      forgetOpenParam();
      setState("done");
      await onFile(file); // the library checks it like a dropped file and says why if it cannot open
    } catch (e) {
      setState({ error: (e as Error).message });
    }
  };
  return (
    <div className="gb-pwa-notice" role="dialog" aria-label={t.openUrlOpen} data-testid="open-url">
      <span>{t.openUrlAsk(href)}</span>
      <button type="button" className="gb-primary" data-testid="open-url-confirm" disabled={state === "busy"} onClick={() => void open()}>
        {t.openUrlOpen}
      </button>
      <button type="button" onClick={() => (forgetOpenParam(), setState("done"))}>
        {t.openUrlCancel}
      </button>
    </div>
  );
}
