// When fastcpu gets threads, and what it says when it does not.
import { afterEach, describe, expect, it } from "vitest";
import { threadsSupported } from "./pool";
import { startFastCpuThreads } from "./spawn";
import { fastCpuThreads } from "./threaded";

const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown };
const saved = { isolated: g.crossOriginIsolated, worker: g.Worker };
afterEach(() => {
  g.crossOriginIsolated = saved.isolated;
  g.Worker = saved.worker;
});

describe("startFastCpuThreads", () => {
  it("stays on one thread when asked to", async () => {
    expect(await startFastCpuThreads(1)).toEqual({ threads: 1, why: "one thread requested" });
    expect(fastCpuThreads()).toBe(1);
  });

  it("stays on one thread without cross-origin isolation, and says which headers are missing", async () => {
    g.crossOriginIsolated = false;
    const r = await startFastCpuThreads(4);
    expect(r.threads).toBe(1);
    expect(r.why).toMatch(/not cross-origin isolated \(COOP\/COEP headers\)/);
  });

  it("needs isolation, a Worker and SharedArrayBuffer together", () => {
    g.crossOriginIsolated = true;
    g.Worker = undefined;
    expect(threadsSupported()).toBe(false);
    g.Worker = function Worker() {};
    expect(threadsSupported()).toBe(true);
    g.crossOriginIsolated = false;
    expect(threadsSupported()).toBe(false);
  });
});
