// Maps kernel client events about runs to notebook reducer actions; the app and the headless runner both fold runs with it.
import type { KernelEvent } from "../kernel/client/client";
import type { NotebookAction } from "./reducer";

/** The reducer action that shows a kernel event under its cell, or null for kernel-wide events (`ready`, `state`...). */
export function actionFromKernelEvent(event: KernelEvent): NotebookAction | null {
  switch (event.type) {
    case "run-start":
      return { type: "run-start", id: event.cellId, runId: event.runId, startedAt: event.startedAt };
    case "run-end":
      return { type: "run-end", id: event.cellId, runId: event.runId, ok: event.ok, reason: event.reason, elapsedMs: event.elapsedMs };
    case "kernel-restarted":
      return { type: "kernel-restarted" };
    case "run-message": {
      const { cellId: id, runId, message: m } = event;
      switch (m.type) {
        case "stream":
          return { type: "output", id, runId, output: { output_type: "stream", name: m.name, text: m.text } };
        case "display":
          return { type: "output", id, runId, output: { output_type: "display_data", data: m.data, metadata: {} } };
        case "metrics":
          return { type: "metrics", id, runId, points: m.points, loops: m.loops, hparams: m.hparams };
        case "progress":
          return { type: "progress", id, runId, progress: { label: m.label, loaded: m.loaded, total: m.total } };
        case "error": {
          const { ename, evalue, traceback, line, column } = m;
          return { type: "output", id, runId, output: { output_type: "error", ename, evalue, traceback, line, column } };
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * The same mapping for a notebook that is saved, not shown (the headless runner): a download bar means nothing in
 * a saved file, and execution counts keep climbing across a kernel restart, as they do in one nbconvert run.
 */
export function savedActionFromKernelEvent(event: KernelEvent): NotebookAction | null {
  const action = actionFromKernelEvent(event);
  return action?.type === "progress" || action?.type === "kernel-restarted" ? null : action;
}
