// Tests for the kernel client's fault handling: heartbeat silence while idle, unreadable messages, a lost GPU device.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ToKernel } from "../protocol";
import { FakeWorker, fakeClient } from "./fake-worker";

/** Answers pings until it dies; a dead worker hears nothing and says nothing. */
class PingingWorker extends FakeWorker {
  dead = false;
  override postMessage(message: ToKernel): void {
    super.postMessage(message);
    if (message.type === "ping" && !this.dead) this.reply({ type: "pong", seq: message.seq });
  }
  override terminate(): void {
    super.terminate();
    this.dead = true;
  }
}

function setup() {
  vi.useFakeTimers();
  const { client, workers, events } = fakeClient({ heartbeatMs: 1000 }, () => new PingingWorker());
  const ready = (w = workers[workers.length - 1]) => w.reply({ type: "ready", backend: "cpu", backendNote: "" });
  const states = () => events.filter((e) => e.type === "state").map((e) => (e as { state: string }).state);
  return { client, workers, events, ready, states };
}

afterEach(() => vi.useRealTimers());

describe("KernelClient faults", () => {
  it("an idle kernel that answers pings stays idle", () => {
    const { workers, ready, states, client } = setup();
    ready();
    vi.advanceTimersByTime(20_000);
    expect(workers[0].sent.filter((m) => m.type === "ping").length).toBeGreaterThan(10);
    expect(states()).not.toContain("error");
    client.dispose();
  });

  it("a background tab whose timers did not fire for a minute does not mistake that for a dead kernel", () => {
    const { client, ready, states } = setup();
    ready();
    vi.advanceTimersByTime(3_000);
    vi.setSystemTime(Date.now() + 60_000); // the page's clock moved on; no interval ran
    vi.advanceTimersByTime(1_000);
    expect(states()).not.toContain("error");
    client.dispose();
  });

  it("an idle kernel gone silent is declared dead with a clear message; restart brings a working one", () => {
    const { client, workers, ready, events, states } = setup();
    ready();
    workers[0].dead = true; // e.g. out of memory, or the cell called close()
    vi.advanceTimersByTime(5_500);
    expect(states().at(-1)).toBe("error");
    expect(events).toContainEqual(expect.objectContaining({ type: "kernel-error", ename: "KernelDied", evalue: expect.stringContaining("Press Restart") }));
    client.restart();
    ready(workers[1]);
    expect(states().at(-1)).toBe("idle");
    const runId = client.execute("a", "1");
    expect(workers[1].sent).toContainEqual(expect.objectContaining({ type: "execute", runId }));
    client.dispose();
  });

  it("a busy kernel is never declared dead by silence (a synchronous loop cannot answer)", () => {
    const { client, workers, ready, states } = setup();
    ready();
    client.execute("a", "while (true) {}");
    workers[0].dead = true;
    vi.advanceTimersByTime(60_000);
    expect(states()).not.toContain("error");
    client.dispose();
  });

  it("a lost WebGPU device restarts the kernel with WebGPU avoided from then on, and says so", () => {
    const { client, workers, ready, events } = setup();
    ready();
    workers[0].reply({ type: "device-lost", backend: "webgpu", message: "Device was destroyed." });
    expect(workers).toHaveLength(2);
    expect(workers[0].dead).toBe(true);
    expect(workers[1].sent[0]).toMatchObject({ type: "init", backend: "cpu", avoidWebGpu: true });
    expect(events).toContainEqual({ type: "kernel-restarted", reason: "kernel-restarted" });
    const lost = events.find((e) => e.type === "kernel-error");
    expect(lost).toMatchObject({ ename: "DeviceLost", evalue: expect.stringContaining("Device was destroyed.") });
    expect((lost as { evalue: string }).evalue).toContain("restarted on the next backend");
    client.restart(); // and it sticks: a later restart still avoids WebGPU
    expect(workers[2].sent[0]).toMatchObject({ avoidWebGpu: true });
    client.dispose();
  });

  it("out of memory: the banner says it; a poisoned backend gets a fresh kernel, a usable one is kept", () => {
    const { client, workers, ready, events } = setup();
    ready();
    const runId = client.execute("a", "torch.ones([4096, 4096]).keep()");
    workers[0].reply({ type: "error", runId, ename: "OutOfMemoryError", evalue: "out of memory: …", traceback: [] });
    workers[0].reply({ type: "out-of-memory", runId, message: "out of memory: the kernel holds 2048 MB …", restarting: false });
    expect(workers).toHaveLength(1);
    expect(events).toContainEqual({ type: "kernel-error", ename: "OutOfMemoryError", evalue: "out of memory: the kernel holds 2048 MB …" });
    workers[0].reply({ type: "done", runId, ok: false, elapsedMs: 5 });

    const again = client.execute("a", "torch.ones([4096, 4096]).keep()");
    workers[0].reply({ type: "out-of-memory", runId: again, message: "out of memory: … restarts itself now", restarting: true });
    expect(workers).toHaveLength(2);
    expect(workers[0].dead).toBe(true);
    expect(events).toContainEqual({ type: "kernel-restarted", reason: "kernel-restarted" });
    expect(events).toContainEqual(expect.objectContaining({ type: "run-end", runId: again, ok: false, reason: "kernel-restarted" }));
    client.dispose();
  });

  it("a message the page cannot read is reported, not swallowed", () => {
    const { client, workers, ready, events } = setup();
    ready();
    workers[0].onmessageerror?.({} as MessageEvent);
    expect(events).toContainEqual(expect.objectContaining({ type: "kernel-error", ename: "MessageError" }));
    client.dispose();
  });
});
