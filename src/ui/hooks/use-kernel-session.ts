// Connects the kernel client to the notebook: kernel state for the header, run events batched into the reducer.
import { useEffect, useRef, useState, useTransition, type Dispatch } from "react";
import type { KernelClient, StartupProgress } from "../../kernel/client/client";
import type { BackendName, KernelState, StartupPhase } from "../../kernel/protocol";
import type { NotebookAction } from "../../notebook/reducer";
import { actionFromKernelEvent } from "../../notebook/kernel-actions";

/** Run events are applied in one batch per interval: a chatty training loop costs ~10 renders a second, not 1000. */
const FLUSH_MS = 100;

/*
 * Kernel-driven updates render as a transition: React renders them in slices and lets a keystroke or click in
 * between, so a big output (a chart's first draw) does not freeze the editor. The run events and the kernel state go
 * in the same transition, so "idle" still never shows above a cell missing its last lines. While one batch is still
 * rendering the next waits: a render restarted by every new batch would never finish on a slow machine.
 */

export interface KernelSessionState {
  state: KernelState;
  backend: BackendName | null;
  backendNote: string;
  /** The last error outside any run (e.g. the kernel failed to start), until dismissed. */
  kernelError: string | null;
  lastDownload: string | null;
  /** What the starting kernel is doing (or auto's measuring after the start); null when nothing. */
  startup: StartupProgress | null;
  /** The phase a failed start died in, until the next start. */
  startupFailed: StartupPhase | null;
}

export function useKernelSession(client: KernelClient, dispatch: Dispatch<NotebookAction>) {
  // The kernel starts before this view subscribes (main.tsx): begin from what it has said so far.
  const [session, setSession] = useState<KernelSessionState>(() => ({ ...client.shown, lastDownload: null, startup: client.startup.current }));

  const [rendering, startTransition] = useTransition();
  const renderingRef = useRef(rendering);
  renderingRef.current = rendering;

  useEffect(() => {
    let pending: NotebookAction[] = [];
    let state: KernelState | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const apply = (actions: NotebookAction[], next: KernelState | null) => {
      if (actions.length > 0) dispatch({ type: "batch", actions });
      if (next !== null) setSession((s) => ({ ...s, state: next }));
    };
    const flush = (now: boolean) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!now && renderingRef.current) {
        timer = setTimeout(() => flush(false), FLUSH_MS);
        return;
      }
      const [actions, next] = [pending, state];
      pending = [];
      state = null;
      if (actions.length === 0 && next === null) return;
      if (now) apply(actions, next);
      else startTransition(() => apply(actions, next));
    };
    const unsubscribe = client.on((event) => {
      switch (event.type) {
        case "state":
          // Outputs first, in the same render: "idle" never shows above a cell still missing its last lines.
          state = event.state;
          flush(false);
          return;
        case "ready":
        case "backend-note":
          setSession((s) => ({ ...s, backend: event.backend, backendNote: event.note }));
          return;
        case "startup":
          // Outside the run batching: a start-up line must show at once, and it comes before any run.
          setSession((s) => ({ ...s, startup: event.progress, startupFailed: event.failed ?? (event.progress ? null : s.startupFailed) }));
          return;
        case "kernel-error":
          setSession((s) => ({ ...s, kernelError: `${event.ename}: ${event.evalue}` }));
          return;
        case "download":
          setSession((s) => ({ ...s, lastDownload: event.filename }));
          return;
        default: {
          const action = actionFromKernelEvent(event);
          if (!action) return;
          pending.push(action);
          timer ??= setTimeout(() => flush(false), FLUSH_MS);
        }
      }
    });
    client.start();
    return () => {
      unsubscribe();
      flush(true);
    };
  }, [client, dispatch]);

  const dismissError = () => setSession((s) => ({ ...s, kernelError: null }));
  return { session, dismissError };
}
