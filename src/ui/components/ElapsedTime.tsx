// How long a cell ran: a live counter while it runs, the last run's time after (Jupyter's execute-time extension).
import { useEffect, useState } from "react";

export interface ElapsedTimeProps {
  /** Set while the cell runs: the counter ticks from here (ms since epoch). */
  startedAt?: number | null;
  /** The last finished run's duration in ms. */
  elapsedMs?: number | null;
  title: string;
}

/** 850ms, 12.3s, 4m 05s. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
}

/** Ticks 4 times a second: enough to look alive, too little to cost the page anything. */
const TICK_MS = 250;

export function ElapsedTime({ startedAt, elapsedMs, title }: ElapsedTimeProps) {
  const [now, setNow] = useState(() => Date.now());
  const live = typeof startedAt === "number";
  useEffect(() => {
    if (!live) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [live]);
  const ms = live ? now - startedAt : elapsedMs;
  if (ms === null || ms === undefined) return null;
  return (
    <span className={`gb-elapsed${live ? " gb-elapsed-live" : ""}`} data-testid="cell-elapsed" data-ms={Math.round(ms)} title={title}>
      {formatElapsed(ms)}
    </span>
  );
}
