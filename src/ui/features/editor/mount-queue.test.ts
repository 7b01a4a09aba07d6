// The editor mount queue: one editor per slice, a closed notebook's editors disposed before the new ones mount.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type Queue = typeof import("./mount-queue");

async function freshQueue(): Promise<Queue> {
  vi.resetModules();
  return import("./mount-queue");
}

/** A stand-in for a cell's host element (the queue only uses it as a key; Node has no IntersectionObserver). */
const host = () => ({}) as Element;

describe("mount queue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("mounts one editor per task, so Monaco draws one new editor per frame", async () => {
    const q = await freshQueue();
    const log: string[] = [];
    for (const name of ["a", "b", "c"]) q.queueMount(host(), () => log.push(name));
    expect(log).toEqual([]);
    await vi.advanceTimersToNextTimerAsync();
    expect(log).toEqual(["a"]);
    await vi.advanceTimersToNextTimerAsync();
    expect(log).toEqual(["a", "b"]);
    await vi.runAllTimersAsync();
    expect(log).toEqual(["a", "b", "c"]);
  });

  it("disposes a closed notebook's editors before any new editor mounts", async () => {
    const q = await freshQueue();
    const log: string[] = [];
    q.queueMount(host(), () => log.push("mount new"));
    q.disposeLater(() => log.push("dispose old 1"));
    q.disposeLater(() => log.push("dispose old 2"));
    await vi.runAllTimersAsync();
    expect(log).toEqual(["dispose old 1", "dispose old 2", "mount new"]);
  });

  it("a disposal that throws does not stop the others or the mounts", async () => {
    const q = await freshQueue();
    const log: string[] = [];
    q.disposeLater(() => {
      throw new Error("already gone");
    });
    q.disposeLater(() => log.push("disposed"));
    q.queueMount(host(), () => log.push("mounted"));
    await vi.runAllTimersAsync();
    expect(log).toEqual(["disposed", "mounted"]);
  });

  it("now() mounts at once, after the pending disposals; cancel() drops a queued mount", async () => {
    const q = await freshQueue();
    const log: string[] = [];
    q.disposeLater(() => log.push("dispose old"));
    const wanted = q.queueMount(host(), () => log.push("focused cell"));
    const gone = q.queueMount(host(), () => log.push("deleted cell"));
    gone.cancel();
    wanted.now();
    expect(log).toEqual(["dispose old", "focused cell"]);
    wanted.now();
    await vi.runAllTimersAsync();
    expect(log).toEqual(["dispose old", "focused cell"]);
  });

  it("after an editor mounted out of order, tells onMountsSettled once all have mounted (all cells checked again)", async () => {
    const q = await freshQueue();
    const log: string[] = [];
    q.onMountsSettled(() => log.push("settled"));
    // In order: every cell was checked with the cells before it present; no second check.
    for (const name of ["a", "b"]) q.queueMount(host(), () => log.push(name));
    await vi.runAllTimersAsync();
    expect(log).toEqual(["a", "b"]);
    // A later cell clicked first mounts ahead of the earlier ones: one check of all once the last has mounted.
    const queued = ["c", "d", "e"].map((name) => q.queueMount(host(), () => log.push(name)));
    queued[2].now();
    expect(log).toEqual(["a", "b", "e"]);
    await vi.advanceTimersToNextTimerAsync();
    expect(log).toEqual(["a", "b", "e", "c"]);
    await vi.runAllTimersAsync();
    expect(log).toEqual(["a", "b", "e", "c", "d", "settled"]);
    // Disposals alone mount nothing: no new check.
    q.disposeLater(() => log.push("dispose"));
    await vi.runAllTimersAsync();
    expect(log.slice(-2)).toEqual(["settled", "dispose"]);
  });
});
