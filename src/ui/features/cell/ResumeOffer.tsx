// "Resume from epoch k/N" under a cell whose resumable() training stopped early (reload, crash, interrupt).
import type { CheckpointInfo } from "../../../io/checkpoint-store";
import { useT } from "../../i18n/lang";
import "./resume-offer.css";

export interface ResumeOfferProps {
  info: Pick<CheckpointInfo, "epoch" | "epochs">;
  onResume: () => void;
}

export function ResumeOffer({ info, onResume }: ResumeOfferProps) {
  const t = useT();
  // `epoch` is the last finished one, 0-based: training goes on at epoch + 1, which learners count from 1.
  const next = Math.min(info.epoch + 2, info.epochs);
  return (
    <div className="gb-resume-offer" data-testid="resume-offer" role="status">
      <span>{t.resumeNote}</span>
      <button type="button" data-testid="resume-training" title={t.resumeTitle} onClick={onResume}>
        {t.resumeFrom(String(next), String(info.epochs))}
      </button>
    </div>
  );
}
