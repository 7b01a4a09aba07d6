// Tests for the page's view of a starting kernel: phases in order with their progress, the phase a failed start died
// in, what the client emits for start-up messages, and the status-bar line's numbers.
import { describe, expect, it } from "vitest";
import type { KernelEvent } from "./client";
import { StartupTracker } from "./client-startup";
import { fakeClient } from "./fake-worker";
import type { FromKernel } from "../protocol";

function setup() {
  const { client, worker, workers, events } = fakeClient({ backend: "auto" });
  const startups = () => events.filter((e): e is Extract<KernelEvent, { type: "startup" }> => e.type === "startup");
  return { client, worker, workers, events, startups };
}

const step = (phase: "engine" | "state" | "threads" | "warmup" | "measure", at: number, more: Partial<Extract<FromKernel, { type: "startup" }>> = {}): FromKernel => ({
  type: "startup",
  phase,
  label: `${phase} label`,
  at,
  ...more,
});

describe("StartupTracker", () => {
  it("keeps a phase's start time across its progress, and sums each phase's time up to ready", () => {
    const t = new StartupTracker();
    t.begin(1000);
    t.step(step("engine", 1100, { done: 10, total: 100, unit: "bytes" }) as never);
    expect(t.current).toMatchObject({ phase: "engine", since: 1000, done: 10, total: 100 });
    t.step(step("state", 1300) as never);
    t.step(step("engine", 1350) as never);
    t.step(step("threads", 1500, { done: 1, total: 2, unit: "threads" }) as never);
    expect(t.current).toMatchObject({ phase: "threads", since: 1500, done: 1, total: 2, unit: "threads" });
    t.step(step("warmup", 1700) as never);
    t.finish(1750);
    expect(t.current).toBeNull();
    expect(t.durations()).toEqual({ engine: 300 + 150, state: 50, threads: 200, warmup: 50 });
    expect(t.changes.map((c) => c.phase)).toEqual(["engine", "state", "engine", "threads", "warmup", "ready"]);
  });

  it("a failure names the phase under way; a new start forgets it", () => {
    const t = new StartupTracker();
    t.begin(0);
    t.step(step("warmup", 5) as never);
    expect(t.fail()).toEqual({ type: "startup", progress: null, failed: "warmup" });
    expect(t.failed).toBe("warmup");
    t.begin(10);
    expect(t.failed).toBeNull();
    expect(t.current?.phase).toBe("engine");
  });
});

describe("KernelClient start-up events", () => {
  it("says 'loading the engine' from the moment the worker is created, then each phase, then nothing at ready", () => {
    const { worker, startups } = setup();
    expect(startups()[0].progress).toMatchObject({ phase: "engine", label: "kernel script" });
    worker().reply(step("engine", 1, { label: "tfjs-backend-wasm-simd.wasm", done: 5, total: 10, unit: "bytes" }));
    worker().reply(step("threads", 2, { done: 2, total: 2, unit: "threads" }));
    worker().reply(step("warmup", 3));
    worker().reply({ type: "ready", backend: "fastcpu", backendNote: "n" });
    expect(startups().map((e) => e.progress?.phase ?? null)).toEqual(["engine", "engine", "threads", "warmup", null]);
    expect(startups()[1].progress).toMatchObject({ label: "tfjs-backend-wasm-simd.wasm", done: 5, total: 10 });
  });

  it("a start that fails in the kernel reports the phase it was in", () => {
    const { worker, startups } = setup();
    worker().reply(step("threads", 1));
    worker().reply({ type: "error", ename: "Error", evalue: "Kernel start failed: …", traceback: [] });
    worker().reply({ type: "status", state: "error" });
    expect(startups().at(-1)).toEqual({ type: "startup", progress: null, failed: "threads" });
  });

  it("a worker that never loads failed while loading the engine; a restart starts afresh", () => {
    const { client, worker, startups } = setup();
    worker().onerror?.({ message: "404 kernel.worker.js" } as ErrorEvent);
    expect(startups().at(-1)).toEqual({ type: "startup", progress: null, failed: "engine" });
    client.restart();
    expect(startups().at(-1)?.progress).toMatchObject({ phase: "engine", label: "kernel script" });
    expect(client.startup.failed).toBeNull();
  });

  it("a view that subscribes late (the kernel starts before React mounts) still sees a failed or a finished start", () => {
    const failed = setup();
    failed.worker().onerror?.({ message: "404 kernel.worker.js" } as ErrorEvent);
    expect(failed.client.shown).toEqual({
      state: "error",
      backend: null,
      backendNote: "",
      kernelError: "KernelDied: 404 kernel.worker.js",
      startupFailed: "engine",
    });
    const ready = setup();
    ready.worker().reply({ type: "ready", backend: "fastcpu", backendNote: "note" });
    ready.worker().reply({ type: "status", state: "idle" });
    expect(ready.client.shown).toMatchObject({ state: "idle", backend: "fastcpu", backendNote: "note", startupFailed: null });
    ready.worker().reply({ type: "backend-note", backend: "wasm", backendNote: "measured" });
    expect(ready.client.shown).toMatchObject({ backend: "wasm", backendNote: "measured" });
  });

  it("auto's measuring after ready shows, then its backend-note updates the backend and clears the line", () => {
    const { worker, events, startups } = setup();
    worker().reply({ type: "ready", backend: "fastcpu", backendNote: "auto: measuring the backends after the start" });
    worker().reply(step("measure", 5));
    expect(startups().at(-1)?.progress?.phase).toBe("measure");
    worker().reply({ type: "backend-note", backend: "wasm", backendNote: "auto by measurement (…)" });
    expect(startups().at(-1)?.progress).toBeNull();
    expect(events.at(-1)).toEqual({ type: "backend-note", backend: "wasm", note: "auto by measurement (…)" });
  });
});
