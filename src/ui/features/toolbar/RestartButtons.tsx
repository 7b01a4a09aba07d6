// Restart and Restart & run all, each asking first in a modal dialog (with "don't ask again"), as Jupyter does.
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/lang";
import { useViewT } from "../../i18n/view-strings";
import { shouldAskRestart, stopAskingRestart } from "./restart-confirm";
import { ToolbarButton } from "./ToolbarButton";
import "./toolbar.css";

export interface RestartButtonsProps {
  onRestart: () => void;
  onRestartRunAll: () => void;
}

type Pending = "restart" | "restart-run-all" | null;

export function RestartButtons({ onRestart, onRestartRunAll }: RestartButtonsProps) {
  const t = useT();
  const s = useViewT();
  const [pending, setPending] = useState<Pending>(null);
  const [dontAsk, setDontAsk] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const act = (what: Exclude<Pending, null>) => (what === "restart" ? onRestart() : onRestartRunAll());
  const ask = (what: Exclude<Pending, null>) => {
    if (!shouldAskRestart()) return act(what);
    setDontAsk(false);
    setPending(what);
  };
  useEffect(() => {
    const d = dialog.current;
    if (pending && d && !d.open) d.showModal();
  }, [pending]);
  const close = (confirmed: boolean) => {
    const what = pending;
    dialog.current?.close();
    setPending(null);
    if (!confirmed || !what) return;
    if (dontAsk) stopAskingRestart();
    act(what);
  };
  return (
    <>
      <ToolbarButton entry={{ id: "restart", text: t.restart, title: t.restartTitle, onClick: () => ask("restart") }} />
      <ToolbarButton entry={{ id: "restart-run-all", text: t.restartRunAll, title: t.restartRunAllTitle, onClick: () => ask("restart-run-all") }} />
      {pending && (
        <dialog ref={dialog} className="gb-dialog" data-testid="restart-dialog" onCancel={() => close(false)}>
          <p>{pending === "restart" ? s.restartAsk : s.restartRunAllAsk}</p>
          <label className="gb-dialog-check">
            <input type="checkbox" data-testid="restart-dont-ask" checked={dontAsk} onChange={(e) => setDontAsk(e.target.checked)} /> {s.dontAskAgain}
          </label>
          <div className="gb-dialog-buttons">
            <button type="button" data-testid="restart-cancel" onClick={() => close(false)}>
              {s.cancel}
            </button>
            <button type="button" className="gb-primary" data-testid="restart-confirm" autoFocus onClick={() => close(true)}>
              {pending === "restart" ? s.restartConfirm : s.restartRunAllConfirm}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
