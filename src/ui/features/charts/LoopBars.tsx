// tqdm-like progress bars of a run's DataLoader passes: batch i/N, elapsed<ETA, samples/s; nested loops indented.
import { memo } from "react";
import type { LoopProgress } from "../../../kernel/protocol";
import { useT } from "../../i18n/lang";

/** tqdm's clock: "01:05", or "1:02:03" past an hour. */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  const s = Math.round(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Time left at the pass's average pace so far (unknown before the first batch). */
export function etaMs(loop: LoopProgress): number {
  if (loop.index === 0 || loop.elapsedMs <= 0) return NaN;
  return ((loop.total - loop.index) * loop.elapsedMs) / loop.index;
}

const LoopBar = memo(function LoopBar({ loop }: { loop: LoopProgress }) {
  const t = useT();
  const rate = loop.elapsedMs > 0 ? (loop.samples * 1000) / loop.elapsedMs : 0;
  const right = loop.state === "running" ? etaMs(loop) : 0;
  return (
    <div
      className={`gb-loop gb-loop-${loop.state}`}
      data-testid="loop-progress"
      data-label={loop.label}
      data-index={loop.index}
      data-total={loop.total}
      data-pass={loop.pass}
      data-state={loop.state}
      style={{ marginLeft: `${loop.depth * 1.5}em` }}
    >
      <span className="gb-loop-label">
        {loop.label} · {t.loopPass(loop.pass)}
      </span>
      <progress value={Math.min(loop.index, loop.total)} max={Math.max(1, loop.total)} />
      <span className="gb-loop-stats">
        {loop.index}/{loop.total} [{formatClock(loop.elapsedMs)}&lt;{formatClock(right)}, {rate.toFixed(rate >= 100 ? 0 : 1)} {t.samplesPerSecond}]
        {loop.state === "done" ? " ✓" : loop.state === "interrupted" ? ` ${t.loopInterrupted}` : ""}
      </span>
    </div>
  );
});

export const LoopBars = memo(function LoopBars({ loops }: { loops: LoopProgress[] }) {
  return (
    <div className="gb-loops">
      {loops.map((l) => (
        <LoopBar key={l.id} loop={l} />
      ))}
    </div>
  );
});
