// Connects the kernel client to the notebook: kernel state for the header, run events batched into the reducer.
import { useEffect, useState, type Dispatch } from "react";
import type { KernelClient } from "../../kernel/client";
import type { BackendName, KernelState } from "../../kernel/protocol";
import type { NotebookAction } from "../../notebook/reducer";
import { actionFromKernelEvent } from "../features/notebook/kernel-actions";

/** Run events are applied in one batch per interval: a chatty training loop costs ~10 renders a second, not 1000. */
const FLUSH_MS = 100;

export interface KernelSessionState {
  state: KernelState;
  backend: BackendName | null;
  backendNote: string;
  /** The last error outside any run (e.g. the kernel failed to start), until dismissed. */
  kernelError: string | null;
  lastDownload: string | null;
}

export function useKernelSession(client: KernelClient, dispatch: Dispatch<NotebookAction>) {
  const [session, setSession] = useState<KernelSessionState>({
    state: "starting",
    backend: null,
    backendNote: "",
    kernelError: null,
    lastDownload: null,
  });

  useEffect(() => {
    let pending: NotebookAction[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const actions = pending;
      pending = [];
      if (actions.length > 0) dispatch({ type: "batch", actions });
    };
    const unsubscribe = client.on((event) => {
      switch (event.type) {
        case "state":
          // Outputs first, in the same render: "idle" never shows above a cell still missing its last lines.
          flush();
          setSession((s) => ({ ...s, state: event.state }));
          return;
        case "ready":
          setSession((s) => ({ ...s, backend: event.backend, backendNote: event.note }));
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
          timer ??= setTimeout(flush, FLUSH_MS);
        }
      }
    });
    client.start();
    return () => {
      unsubscribe();
      flush();
    };
  }, [client, dispatch]);

  const dismissError = () => setSession((s) => ({ ...s, kernelError: null }));
  return { session, dismissError };
}
