// Tests for the kernel client's bookkeeping with a fake Worker: init, queueing, stale drops, interrupt, restart.
import { afterEach, describe, expect, it, vi } from "vitest";
import { backendFromSearch, KernelClient, type KernelEvent, type WorkerLike } from "./client";
import type { FromKernel, ToKernel } from "../protocol";

class FakeWorker implements WorkerLike {
  sent: ToKernel[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromKernel>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: ToKernel): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Simulates a message from the kernel. */
  reply(message: FromKernel): void {
    this.onmessage?.({ data: message } as MessageEvent<FromKernel>);
  }
  executes(): Extract<ToKernel, { type: "execute" }>[] {
    return this.sent.filter((m): m is Extract<ToKernel, { type: "execute" }> => m.type === "execute");
  }
}

function setup(opts: { sharedInterrupt?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const saved: string[] = [];
  const client = new KernelClient({
    backend: "cpu",
    mnistBaseUrl: "http://x/mnist/",
    wasmBaseUrl: "http://x/tfjs-wasm/",
    sharedInterrupt: opts.sharedInterrupt ?? false,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    saveFile: (name) => saved.push(name),
  });
  const events: KernelEvent[] = [];
  client.on((e) => events.push(e));
  client.start();
  const ready = (w = workers[workers.length - 1]) => w.reply({ type: "ready", backend: "cpu", backendNote: "" });
  return { client, workers, events, saved, ready };
}

afterEach(() => vi.useRealTimers());

describe("KernelClient", () => {
  it("sends init with the options, and holds executes until the kernel is ready", () => {
    const { client, workers, ready, events } = setup();
    expect(workers[0].sent[0]).toEqual({ type: "init", backend: "cpu", mnistBaseUrl: "http://x/mnist/", wasmBaseUrl: "http://x/tfjs-wasm/" });
    expect(events.find((e) => e.type === "state")).toEqual({ type: "state", state: "starting" });
    client.execute("a", "print(1)");
    expect(workers[0].executes()).toHaveLength(0);
    ready();
    expect(workers[0].executes()).toMatchObject([{ cellId: "a", code: "print(1)" }]);
  });

  it("passes the notebook id and resume mode with execute (where resumable() keeps checkpoints)", () => {
    const { client, workers, ready } = setup();
    ready();
    client.execute("a", "x", { notebookId: "nb-1", mode: "resume" });
    client.execute("b", "y");
    workers[0].reply({ type: "done", runId: workers[0].executes()[0].runId, ok: true, elapsedMs: 1 });
    const [first, second] = workers[0].executes();
    expect(first).toMatchObject({ cellId: "a", notebookId: "nb-1", mode: "resume" });
    expect(second).not.toHaveProperty("notebookId");
    expect(second).not.toHaveProperty("mode");
  });

  it("runs one cell at a time, in order, each with a fresh run id", () => {
    const { client, workers, ready, events } = setup();
    ready();
    const r1 = client.execute("a", "1");
    const r2 = client.execute("b", "2");
    expect(r1).not.toBe(r2);
    expect(workers[0].executes().map((m) => m.runId)).toEqual([r1]);
    expect(client.queuedRuns).toEqual([{ runId: r2, cellId: "b" }]);
    expect(client.isPending("b")).toBe(true);
    workers[0].reply({ type: "done", runId: r1, ok: true, elapsedMs: 5 });
    expect(events).toContainEqual({ type: "run-end", runId: r1, cellId: "a", ok: true, reason: "done", elapsedMs: 5 });
    expect(events.find((e) => e.type === "run-start")).toMatchObject({ cellId: "a", startedAt: expect.any(Number) });
    expect(client.isPending("a")).toBe(false);
    expect(workers[0].executes().map((m) => m.runId)).toEqual([r1, r2]);
    expect(events.filter((e) => e.type === "run-start" || e.type === "run-end").map((e) => e.type + ":" + ("cellId" in e ? e.cellId : ""))).toEqual([
      "run-start:a",
      "run-end:a",
      "run-start:b",
    ]);
  });

  it("shows busy from the moment a run is queued until its done, and idle only after its run-end", () => {
    const { client, workers, ready, events } = setup();
    ready();
    workers[0].reply({ type: "status", state: "idle" });
    const seen = () => events.filter((e) => e.type === "state" || e.type === "run-end").map((e) => (e.type === "state" ? e.state : "run-end"));
    expect(seen()).toEqual(["starting", "idle"]);
    const r1 = client.execute("a", "1");
    expect(seen().at(-1)).toBe("busy");
    // The worker's own idle/busy flicker between runs does not reach the status bar while runs are queued.
    workers[0].reply({ type: "status", state: "idle" });
    workers[0].reply({ type: "stream", runId: r1, name: "stdout", text: "x" });
    workers[0].reply({ type: "done", runId: r1, ok: true, elapsedMs: 1 });
    expect(seen()).toEqual(["starting", "idle", "busy", "run-end", "idle"]);
  });

  it("forwards messages of the current run and drops those of stale runs", () => {
    const { client, workers, ready, events } = setup();
    ready();
    const r1 = client.execute("a", "1");
    workers[0].reply({ type: "done", runId: r1, ok: true, elapsedMs: 1 });
    const r2 = client.execute("a", "2");
    workers[0].reply({ type: "stream", runId: r1, name: "stdout", text: "late" });
    workers[0].reply({ type: "metrics", runId: r1, points: [] });
    workers[0].reply({ type: "done", runId: r1, ok: true, elapsedMs: 1 });
    workers[0].reply({ type: "stream", runId: r2, name: "stdout", text: "fresh" });
    const messages = events.filter((e) => e.type === "run-message");
    expect(messages).toEqual([
      { type: "run-message", runId: r2, cellId: "a", message: { type: "stream", runId: r2, name: "stdout", text: "fresh" } },
    ]);
    expect(client.currentRun).toEqual({ runId: r2, cellId: "a" });
  });

  it("cancels the queue when a cell fails, like Jupyter", () => {
    const { client, workers, ready, events } = setup();
    ready();
    const r1 = client.execute("a", "throw 1");
    const r2 = client.execute("b", "2");
    workers[0].reply({ type: "error", runId: r1, ename: "Error", evalue: "1", traceback: [], line: 1 });
    workers[0].reply({ type: "done", runId: r1, ok: false, elapsedMs: 1 });
    expect(events).toContainEqual({ type: "run-end", runId: r2, cellId: "b", ok: false, reason: "cancelled", elapsedMs: 0 });
    expect(workers[0].executes()).toHaveLength(1);
    expect(events.some((e) => e.type === "run-message" && e.message.type === "error")).toBe(true);
  });

  it("interrupts without a shared flag by message first, then by replacing the worker (a hard stop)", () => {
    vi.useFakeTimers();
    const { client, workers, ready, events } = setup();
    ready();
    const r1 = client.execute("a", "while(true){}");
    const r2 = client.execute("b", "2");
    client.interrupt();
    expect(workers[0].sent).toContainEqual({ type: "interrupt", runId: r1 });
    expect(events).toContainEqual({ type: "run-end", runId: r2, cellId: "b", ok: false, reason: "cancelled", elapsedMs: 0 });
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(3000);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(events).toContainEqual({ type: "run-end", runId: r1, cellId: "a", ok: false, reason: "interrupted", elapsedMs: 3000 });
    expect(events).toContainEqual({ type: "kernel-restarted", reason: "interrupted" });
    // The old worker's last words are ignored.
    workers[0].reply({ type: "stream", runId: r1, name: "stdout", text: "zombie" });
    expect(events.some((e) => e.type === "run-message")).toBe(false);
    expect(workers[1].sent[0].type).toBe("init");
  });

  it("interrupts with a shared flag, and replaces the worker only if the run ignores it", () => {
    vi.useFakeTimers();
    const { client, workers, ready } = setup({ sharedInterrupt: true });
    const init = workers[0].sent[0] as Extract<ToKernel, { type: "init" }>;
    const flag = new Int32Array(init.interruptFlag!);
    ready();
    const r1 = client.execute("a", "train()");
    client.interrupt();
    expect(Atomics.load(flag, 0)).toBe(1);
    expect(workers[0].sent).toContainEqual({ type: "interrupt", runId: r1 });
    workers[0].reply({ type: "done", runId: r1, ok: false, elapsedMs: 3 });
    vi.advanceTimersByTime(10_000);
    expect(workers).toHaveLength(1);
    // The next run starts with the flag cleared.
    const r2 = client.execute("a", "busy()");
    expect(Atomics.load(flag, 0)).toBe(0);
    client.interrupt();
    vi.advanceTimersByTime(10_000);
    expect(workers).toHaveLength(2);
    expect(client.currentRun).toBeNull();
    expect(r2).toBeTruthy();
  });

  it("restart ends the current run, makes a new worker and keeps working", () => {
    const { client, workers, ready, events } = setup();
    ready();
    const r1 = client.execute("a", "1");
    expect(client.isPending("a")).toBe(true);
    client.restart();
    expect(client.isPending("a")).toBe(false);
    expect(events).toContainEqual({ type: "run-end", runId: r1, cellId: "a", ok: false, reason: "kernel-restarted", elapsedMs: expect.any(Number) });
    expect(events).toContainEqual({ type: "kernel-restarted", reason: "kernel-restarted" });
    ready(workers[1]);
    client.execute("b", "2");
    expect(workers[1].executes()).toMatchObject([{ cellId: "b" }]);
  });

  it("saves downloads and reports kernel errors outside runs", () => {
    const { client, workers, ready, events, saved } = setup();
    ready();
    client.exportWeights();
    expect(workers[0].sent.at(-1)).toMatchObject({ type: "export-weights" });
    workers[0].reply({ type: "download", filename: "model.safetensors", mime: "application/octet-stream", buffer: new ArrayBuffer(8) });
    expect(saved).toEqual(["model.safetensors"]);
    workers[0].reply({ type: "download", runId: "stale", filename: "old.bin", mime: "x", buffer: new ArrayBuffer(1) });
    expect(saved).toEqual(["model.safetensors"]);
    workers[0].reply({ type: "error", ename: "BackendError", evalue: "no webgpu", traceback: [] });
    expect(events).toContainEqual({ type: "kernel-error", ename: "BackendError", evalue: "no webgpu" });
  });

  it("treats a worker that fails before ready as dead", () => {
    const { client, workers, events } = setup();
    const r1 = client.execute("a", "1");
    workers[0].onerror?.({ message: "SyntaxError in kernel.worker.ts" } as ErrorEvent);
    expect(events).toContainEqual({ type: "state", state: "error" });
    expect(events).toContainEqual({ type: "run-end", runId: r1, cellId: "a", ok: false, reason: "cancelled", elapsedMs: 0 });
    // A late "starting" from the broken worker must not paper over the error.
    workers[0].reply({ type: "status", state: "starting" });
    expect(events.filter((e) => e.type === "state").at(-1)).toEqual({ type: "state", state: "error" });
    // Restart gives a fresh worker whose messages count again.
    client.restart();
    expect(events.filter((e) => e.type === "state").at(-1)).toEqual({ type: "state", state: "starting" });
    workers[1].reply({ type: "ready", backend: "cpu", backendNote: "" });
    expect(events.filter((e) => e.type === "state").at(-1)).toEqual({ type: "state", state: "idle" });
  });
});

describe("backendFromSearch", () => {
  it("reads ?backend= and falls back to auto", () => {
    expect(backendFromSearch("?backend=wasm")).toBe("wasm");
    expect(backendFromSearch("?backend=webgpu&notebook=x")).toBe("webgpu");
    expect(backendFromSearch("?backend=tpu")).toBe("auto");
    expect(backendFromSearch("")).toBe("auto");
  });
});
