// The run-history list under a training chart: tick runs to overlay them, name them, see what changed in code and hyperparameters.
import { memo, useMemo, useState } from "react";
import { compactDiff, lineDiff } from "../../../lib/line-diff";
import { changedHParams, runLabel, type RunRecord } from "../../../notebook/run-history";
import { useT } from "../../i18n/lang";
import { renameRun, toggleRun } from "./history-view";

export interface RunHistoryPanelProps {
  runs: RunRecord[];
  currentId: string | undefined;
  setRuns(runs: RunRecord[]): void;
}

function RunName({ run, onRename }: { run: RunRecord; onRename(name: string): void }) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== (run.name ?? "")) onRename(draft);
    setDraft(null);
  };
  return (
    <input
      className="gb-run-name"
      data-testid="run-name"
      value={draft ?? run.name ?? ""}
      placeholder={`run ${run.n} · ${t.runNamePlaceholder}`}
      size={14}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        e.stopPropagation(); // notebook shortcuts must not fire while typing a name
        if (e.key === "Enter") e.currentTarget.blur();
      }}
    />
  );
}

const RunDetails = memo(function RunDetails({ run, previous }: { run: RunRecord; previous: RunRecord | undefined }) {
  const t = useT();
  const diff = useMemo(() => (previous ? compactDiff(lineDiff(previous.code, run.code)) : []), [previous, run.code]);
  const changed = changedHParams(previous?.hparams, run.hparams);
  const hp = Object.entries(run.hparams);
  return (
    <div className="gb-run-details">
      {hp.length > 0 && (
        <div className="gb-run-hparams" data-testid="run-hparams">
          <b>{t.runHParams}:</b> {hp.map(([k, v]) => `${k}=${v}`).join(", ")}
        </div>
      )}
      {changed.length > 0 && (
        <div className="gb-run-changed">
          <b>{t.runHParamsChanged}:</b> {changed.join("; ")}
        </div>
      )}
      {previous && (
        <div className="gb-run-diff" data-testid="run-diff">
          <b>{diff.length ? t.runCodeChanges : t.runNoCodeChanges}</b>
          {diff.length > 0 && (
            <pre>
              {diff.map((d, i) => (
                <div key={i} className={`gb-diff-${d.op === "+" ? "add" : d.op === "-" ? "del" : "ctx"}`}>
                  {d.op} {d.text}
                </div>
              ))}
            </pre>
          )}
        </div>
      )}
    </div>
  );
});

export const RunHistoryPanel = memo(function RunHistoryPanel({ runs, currentId, setRuns }: RunHistoryPanelProps) {
  const t = useT();
  const newestFirst = useMemo(() => runs.map((r, i) => ({ r, previous: runs[i - 1] })).reverse(), [runs]);
  return (
    <details className="gb-run-history" data-testid="run-history" open>
      <summary>
        {t.runHistory} ({runs.length}) <span className="gb-muted">{t.runHistoryHint}</span>
      </summary>
      <ul>
        {newestFirst.map(({ r, previous }) => {
          const current = r.id === currentId;
          return (
            <li key={r.id} data-testid="run-entry" data-run={r.n} data-current={current}>
              <label>
                <input
                  type="checkbox"
                  data-testid="run-tick"
                  checked={current || !!r.ticked}
                  disabled={current}
                  onChange={() => setRuns(toggleRun(runs, r.id))}
                />
                <span className="gb-run-label" data-testid="run-label">
                  {runLabel(r)}
                </span>
              </label>
              <RunName run={r} onRename={(name) => setRuns(renameRun(runs, r.id, name))} />
              {current && <span className="gb-muted"> ({t.runCurrent})</span>}
              {!r.ok && <span className="gb-muted"> ({t.runFailed})</span>}
              <details className="gb-run-more">
                <summary>…</summary>
                <RunDetails run={r} previous={previous} />
              </details>
            </li>
          );
        })}
      </ul>
    </details>
  );
});
