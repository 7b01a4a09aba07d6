// What the status bar shows for the kernel, from what the worker said and whether runs are pending; and the
// kernel-level notices the client raises (worker lost, GPU lost, unreadable message).
import type { KernelEvent } from "./client-types";
import type { BackendName, KernelState, StartupPhase } from "../protocol";

export class KernelStatus {
  /** The worker announced `ready`. */
  ready = false;
  /** The worker failed before `ready`: its later status messages must not hide that. */
  crashed = false;
  /** What the worker last said about itself. */
  worker: KernelState = "starting";
  /** What was last announced, so listeners hear each change once. */
  private shown: KernelState | null = null;
  /**
   * The backend, its note, the last kernel-level error and the phase a failed start died in, as last announced: the
   * kernel starts before the page's view subscribes, and a fast start (or a failed one) may be over by then.
   */
  readonly seen: { backend: BackendName | null; backendNote: string; kernelError: string | null; startupFailed: StartupPhase | null } = {
    backend: null,
    backendNote: "",
    kernelError: null,
    startupFailed: null,
  };

  /** Keeps what an announced event says about the kernel (see `seen`). */
  note(event: KernelEvent): void {
    if (event.type === "ready" || event.type === "backend-note") Object.assign(this.seen, { backend: event.backend, backendNote: event.note });
    else if (event.type === "kernel-error") this.seen.kernelError = `${event.ename}: ${event.evalue}`;
    else if (event.type === "startup") this.seen.startupFailed = event.failed ?? (event.progress ? null : this.seen.startupFailed);
  }

  /** A new worker is starting. */
  reset(): void {
    this.ready = false;
    this.crashed = false;
    this.worker = "starting";
  }

  /**
   * "busy" from the moment a run is queued until its `done` arrives, so "idle" never shows while a run is on its
   * way or before its last outputs; a failed start stays "error".
   */
  current(runsPending: boolean): KernelState {
    if (this.crashed) return "error";
    if (!this.ready) return this.worker === "error" ? "error" : "starting";
    if (runsPending) return "busy";
    return this.worker === "starting" ? "idle" : this.worker;
  }

  /** The state to announce now, or null when listeners already heard it. */
  changed(runsPending: boolean): KernelState | null {
    const state = this.current(runsPending);
    if (state === this.shown) return null;
    this.shown = state;
    return state;
  }
}

export const UNREADABLE =
  "a message from the kernel could not be read (its data did not survive the copy); the run's output may be incomplete";

export const STOPPED_ANSWERING =
  "the kernel stopped answering (it crashed or ran out of memory). Press Restart for a fresh kernel; " +
  "the notebook and its outputs are kept, the variables are lost";

export function deviceLostNotice(backend: string, message: string): string {
  return (
    `The GPU (${backend}) was lost: ${message}. The kernel restarted on the next backend (shown ` +
    `in the status bar); variables are gone, the notebook and its outputs are kept. Reload the page to try the GPU again.`
  );
}
