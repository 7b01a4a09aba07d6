// The kernel's start-up reporter: posts each step (phase, what it loads, progress) with its time, marks it on the
// worker's performance timeline, and remembers the phase under way so a failed start can name it.
import type { StartupStep } from "../runtime/kernel-deps";
import type { Post } from "../runtime/kernel-deps";
import type { StartupPhase } from "../protocol";

/** What each phase is doing, in the words a failed start uses ("failed while loading the engine"). */
export const PHASE_WORDS: Record<StartupPhase, string> = {
  engine: "loading the engine",
  state: "reading the saved backend choice",
  threads: "starting threads",
  warmup: "warming the backend",
  measure: "measuring the backends",
};

/** Epoch ms at sub-ms resolution, comparable between the worker and the page (each has its own timeOrigin). */
export function epochNow(): number {
  const p = globalThis.performance;
  return p && typeof p.timeOrigin === "number" ? p.timeOrigin + p.now() : Date.now();
}

export class StartupReporter {
  /** The phase under way (the worker's script is loaded by now: the engine's first part). */
  phase: StartupPhase = "engine";
  private readonly marked = new Set<StartupPhase>();

  constructor(private readonly post: Post) {}

  step(step: StartupStep): void {
    this.phase = step.phase;
    if (!this.marked.has(step.phase)) {
      this.marked.add(step.phase);
      // DevTools shows these on the worker's track; the page marks the same phases on its own.
      globalThis.performance?.mark?.(`gradbook:kernel:${step.phase}`);
    }
    this.post({ type: "startup", ...step, at: epochNow() });
  }

  /** The kernel-start error's text: which phase failed, and what to do. */
  failure(backend: string, evalue: string): string {
    return `the "${backend}" backend failed to start while ${PHASE_WORDS[this.phase]} (${evalue}); reload the page or pick another backend`;
  }
}
