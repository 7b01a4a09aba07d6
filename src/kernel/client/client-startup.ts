// A starting kernel as the page follows it: the phase under way and its progress, the phases reached (marked on the
// page's performance timeline as `gradbook:startup:<phase>`, for DevTools and the UI bench), the phase a failed start died in.
import type { KernelEvent, StartupProgress } from "./client-types";
import type { FromKernel, StartupPhase } from "../protocol";

type StartupMessage = Extract<FromKernel, { type: "startup" }>;
type BackendNoteMessage = Extract<FromKernel, { type: "backend-note" }>;

/** The page's clock in the worker's units: epoch ms at sub-ms resolution. */
export function pageEpochNow(): number {
  const p = globalThis.performance;
  return p && typeof p.timeOrigin === "number" ? p.timeOrigin + p.now() : Date.now();
}

function mark(name: string, epochMs: number): void {
  const p = globalThis.performance;
  if (!p?.mark || typeof p.timeOrigin !== "number") return;
  try {
    p.mark(name, { startTime: Math.max(0, epochMs - p.timeOrigin) });
  } catch {
    // an old browser without mark options: the timeline simply lacks it
  }
}

export class StartupTracker {
  /** The phase under way; null once ready (or failed). */
  current: StartupProgress | null = null;
  /** The phase a start failed in, until the next start. */
  failed: StartupPhase | null = null;
  /** Every phase change of this start, in order (epoch ms). */
  readonly changes: { phase: StartupPhase | "ready"; at: number }[] = [];

  /** A new worker: its script is the engine's first part (tfjs is bundled in it). */
  begin(at = pageEpochNow()): StartupProgress {
    this.failed = null;
    this.changes.length = 0;
    return this.enter({ phase: "engine", label: "kernel script", since: at }, at);
  }

  /** A `startup` message: the same phase with new progress, or the next phase. */
  step(msg: StartupMessage): StartupProgress {
    const { phase, label, done, total, unit, at } = msg;
    const since = this.current?.phase === phase ? this.current.since : at;
    const next: StartupProgress = { phase, label, since, ...(done !== undefined ? { done } : {}), ...(total !== undefined ? { total } : {}), ...(unit ? { unit } : {}) };
    return this.enter(next, at);
  }

  /** `ready`: the start is over (a later `measure` step may still come, off the critical path). */
  finish(at = pageEpochNow()): KernelEvent {
    this.current = null;
    this.changes.push({ phase: "ready", at });
    mark("gradbook:startup:ready", at);
    return { type: "startup", progress: null };
  }

  /** auto's measuring after `ready` ended (its `backend-note` came). */
  measured(): void {
    if (this.current?.phase === "measure") this.current = null;
  }

  /** The start failed in the phase under way: the event that says so. */
  fail(): KernelEvent {
    this.failed = this.current?.phase ?? "engine";
    this.current = null;
    return { type: "startup", progress: null, failed: this.failed };
  }

  /** ms spent in each phase so far (a phase entered twice counts both stretches), up to `ready`. */
  durations(): Partial<Record<StartupPhase, number>> {
    const out: Partial<Record<StartupPhase, number>> = {};
    for (let i = 0; i + 1 < this.changes.length; i++) {
      const { phase, at } = this.changes[i];
      if (phase !== "ready") out[phase] = (out[phase] ?? 0) + (this.changes[i + 1].at - at);
    }
    return out;
  }

  private enter(next: StartupProgress, at: number): StartupProgress {
    if (this.current?.phase !== next.phase) {
      this.changes.push({ phase: next.phase, at });
      mark(`gradbook:startup:${next.phase}`, at);
    }
    this.current = next;
    return next;
  }
}

/** The client's events for a `startup` or `backend-note` message. */
export function startupEvents(tracker: StartupTracker, message: StartupMessage | BackendNoteMessage): KernelEvent[] {
  if (message.type === "startup") return [{ type: "startup", progress: tracker.step(message) }];
  tracker.measured();
  return [
    { type: "startup", progress: tracker.current },
    { type: "backend-note", backend: message.backend, note: message.backendNote },
  ];
}
