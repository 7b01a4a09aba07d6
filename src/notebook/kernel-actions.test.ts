// Tests for kernel-actions.ts: each kernel run event becomes the action that shows it under its cell (app and saved file).
import { describe, expect, it } from "vitest";
import { actionFromKernelEvent, savedActionFromKernelEvent } from "./kernel-actions";

describe("actionFromKernelEvent", () => {
  const base = { type: "run-message" as const, runId: "r", cellId: "c" };
  it("maps run lifecycle and every run message", () => {
    expect(actionFromKernelEvent({ type: "run-start", runId: "r", cellId: "c", startedAt: 7 })).toEqual({
      type: "run-start",
      id: "c",
      runId: "r",
      startedAt: 7,
    });
    expect(
      actionFromKernelEvent({ type: "run-end", runId: "r", cellId: "c", ok: false, reason: "interrupted", elapsedMs: 1 }),
    ).toEqual({ type: "run-end", id: "c", runId: "r", ok: false, reason: "interrupted", elapsedMs: 1 });
    expect(actionFromKernelEvent({ type: "kernel-restarted", reason: "kernel-restarted" })).toEqual({ type: "kernel-restarted" });
    expect(actionFromKernelEvent({ ...base, message: { type: "stream", runId: "r", name: "stderr", text: "w" } })).toMatchObject({
      type: "output",
      output: { output_type: "stream", name: "stderr", text: "w" },
    });
    expect(actionFromKernelEvent({ ...base, message: { type: "display", runId: "r", data: { "text/plain": "x" } } })).toMatchObject({
      output: { output_type: "display_data", data: { "text/plain": "x" } },
    });
    expect(
      actionFromKernelEvent({ ...base, message: { type: "progress", runId: "r", label: "f", loaded: 1, total: 2 } }),
    ).toMatchObject({ type: "progress", progress: { label: "f", loaded: 1, total: 2 } });
    expect(
      actionFromKernelEvent({ ...base, message: { type: "error", runId: "r", ename: "E", evalue: "v", traceback: [], line: 4 } }),
    ).toMatchObject({ output: { output_type: "error", ename: "E", line: 4 } });
    expect(actionFromKernelEvent({ ...base, message: { type: "metrics", runId: "r", points: [] } })).toMatchObject({ type: "metrics" });
  });

  it("ignores kernel-wide events", () => {
    expect(actionFromKernelEvent({ type: "state", state: "busy" })).toBeNull();
    expect(actionFromKernelEvent({ type: "ready", backend: "cpu", note: "" })).toBeNull();
  });
});

describe("savedActionFromKernelEvent", () => {
  const base = { type: "run-message" as const, runId: "r", cellId: "c" };
  it("drops download bars and kernel restarts, which mean nothing in a saved notebook", () => {
    expect(savedActionFromKernelEvent({ ...base, message: { type: "progress", runId: "r", label: "f", loaded: 1, total: 2 } })).toBeNull();
    expect(savedActionFromKernelEvent({ type: "kernel-restarted", reason: "kernel-restarted" })).toBeNull();
    expect(savedActionFromKernelEvent({ type: "ready", backend: "cpu", note: "" })).toBeNull();
  });

  it("keeps run lifecycle and outputs exactly as the app maps them", () => {
    const events = [
      { type: "run-start" as const, runId: "r", cellId: "c", startedAt: 7 },
      { ...base, message: { type: "stream" as const, runId: "r", name: "stdout" as const, text: "hi" } },
      { ...base, message: { type: "error" as const, runId: "r", ename: "E", evalue: "v", traceback: ["E: v"], line: 2, column: 3 } },
      { ...base, message: { type: "metrics" as const, runId: "r", points: [] } },
      { type: "run-end" as const, runId: "r", cellId: "c", ok: true, reason: "done" as const, elapsedMs: 3 },
    ];
    for (const event of events) {
      expect(savedActionFromKernelEvent(event)).not.toBeNull();
      expect(savedActionFromKernelEvent(event)).toEqual(actionFromKernelEvent(event));
    }
  });
});
