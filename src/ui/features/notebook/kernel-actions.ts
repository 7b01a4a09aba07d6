// Maps kernel client events about runs to notebook reducer actions (pure, so the mapping is testable).
import type { KernelEvent } from "../../../kernel/client";
import type { NotebookAction } from "../../../notebook/reducer";

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
        case "error":
          return {
            type: "output",
            id,
            runId,
            output: { output_type: "error", ename: m.ename, evalue: m.evalue, traceback: m.traceback, line: m.line, column: m.column },
          };
      }
      return null;
    }
    default:
      return null;
  }
}
