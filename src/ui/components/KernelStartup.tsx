// The status bar's start-up line: what the kernel is doing while it starts (phase, file, bytes or threads so far),
// or the phase a failed start died in; in the UI language.
import type { StartupProgress } from "../../kernel/client/client";
import type { StartupPhase } from "../../kernel/protocol";
import { useViewT, type ViewStrings } from "../i18n/view-strings";
import "./kernel-startup.css";

export function phaseText(t: ViewStrings, phase: StartupPhase): string {
  const words: Record<StartupPhase, string> = {
    engine: t.startupEngine,
    state: t.startupState,
    threads: t.startupThreads,
    warmup: t.startupWarmup,
    measure: t.startupMeasure,
  };
  return words[phase];
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);

/** "212 / 415 KB", "2 / 4": the numbers, language-neutral (the file's name is in the tooltip); "" when there are none. */
export function progressText(p: StartupProgress): string {
  if (p.unit === "bytes" && p.done !== undefined) return `${kb(p.done)}${p.total !== undefined ? ` / ${kb(p.total)}` : ""} KB`;
  if (p.unit === "threads" && p.done !== undefined && p.total !== undefined) return `${p.done} / ${p.total}`;
  return "";
}

export interface KernelStartupProps {
  progress: StartupProgress | null;
  failed: StartupPhase | null;
}

export function KernelStartup({ progress, failed }: KernelStartupProps) {
  const t = useViewT();
  if (failed) {
    return (
      <span data-testid="kernel-startup-failed" data-phase={failed} className="gb-kernel-startup gb-kernel-startup-failed">
        {t.startupFailed(phaseText(t, failed))}
      </span>
    );
  }
  if (!progress) return null;
  const numbers = progressText(progress);
  const fraction = progress.done !== undefined && progress.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <span
      data-testid="kernel-startup"
      data-phase={progress.phase}
      className="gb-kernel-startup"
      title={`${t.startupTitle}: ${progress.label}`}
    >
      <span className="gb-kernel-startup-phase">{phaseText(t, progress.phase)}</span>
      {/* The status bar is a live region: the phase is read out when it changes, not every byte count. */}
      {numbers && (
        <span className="gb-kernel-startup-numbers" aria-hidden>
          {" "}
          {numbers}
        </span>
      )}
      {fraction !== null && <span className="gb-kernel-startup-bar" style={{ width: `${(fraction * 100).toFixed(0)}%` }} aria-hidden />}
    </span>
  );
}
