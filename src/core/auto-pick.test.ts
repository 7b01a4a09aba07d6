// auto's choice by measurement: the pick from (fake) timings, the cache key, the note; then initBackend("auto") in Node
// with a Map as the cache: it measures once, caches, and later starts go straight to the cached backend.
import { afterAll, describe, expect, it } from "vitest";
import { autoNote, browserVersion, cacheKey, chooseByTiming, type AutoChoice, type AutoChoiceCache } from "./auto-pick";
import { initBackend, tf } from "./backend";

describe("chooseByTiming", () => {
  it("picks the fastest timed backend", () => {
    expect(chooseByTiming([{ backend: "fastcpu", msPerStep: 1.2 }, { backend: "webgpu", msPerStep: 0.4 }, { backend: "wasm", msPerStep: 3 }])).toBe("webgpu");
  });

  it("keeps the earlier (CPU) candidate when a GPU is within 5%: dispatch jitter is not worth a switch", () => {
    expect(chooseByTiming([{ backend: "fastcpu", msPerStep: 1.0 }, { backend: "webgpu", msPerStep: 0.97 }])).toBe("fastcpu");
    expect(chooseByTiming([{ backend: "fastcpu", msPerStep: 1.0 }, { backend: "webgpu", msPerStep: 0.9 }])).toBe("webgpu");
  });

  it("a real GPU that is slower for this small model loses (dispatch overhead)", () => {
    expect(chooseByTiming([{ backend: "fastcpu", msPerStep: 0.9 }, { backend: "webgpu", msPerStep: 2.4 }])).toBe("fastcpu");
  });

  it("ignores candidates that were not timed, and gives null when none was", () => {
    expect(chooseByTiming([{ backend: "webgpu", why: "its first step ran past the budget" }, { backend: "wasm", msPerStep: 4 }])).toBe("wasm");
    expect(chooseByTiming([{ backend: "fastcpu", why: "could not start" }])).toBeNull();
    expect(chooseByTiming([{ backend: "fastcpu", msPerStep: Number.NaN }])).toBeNull();
  });
});

describe("cache key and note", () => {
  it("keys by adapter and browser major version", () => {
    const ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36";
    expect(browserVersion(ua)).toBe("Chrome 156");
    expect(browserVersion("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/150.0 Safari/537.36 Edg/150.0.1")).toBe("Edge 150");
    expect(browserVersion("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")).toBe("Firefox 140");
    expect(cacheKey("nvidia ampere", ua)).toBe("nvidia ampere | Chrome 156");
    expect(cacheKey("nvidia ampere", ua)).not.toBe(cacheKey("nvidia ampere", ua.replace("156.", "157.")));
  });

  it("the note lists every candidate with its numbers, fastest first, and says when it was measured", () => {
    const choice: AutoChoice = {
      backend: "fastcpu",
      timings: [{ backend: "fastcpu", msPerStep: 0.912 }, { backend: "webgpu", msPerStep: 312, firstStepOnly: true }, { backend: "wasm", why: "could not start" }],
      measuredAt: "2026-12-07T00:10:00.000Z",
    };
    expect(autoNote(choice, false)).toBe("auto by measurement (MLP 784-256-10 SGD step, batch 64: fastcpu 0.91 ms, webgpu 312 ms (first step only), wasm not timed (could not start); measured now)");
    expect(autoNote(choice, true)).toContain("measured 2026-12-07, kept until the adapter or browser changes");
  });
});

describe('initBackend("auto") measures once, then uses the cache', () => {
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  const mapCache = (): AutoChoiceCache & { map: Map<string, AutoChoice> } => {
    const map = new Map<string, AutoChoice>();
    return { map, get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
  };

  it("times fastcpu and wasm, runs the faster and caches the choice", async () => {
    const cache = mapCache();
    // A budget a loaded test machine cannot overrun, so both candidates get their timed steps (the busy case is below).
    const info = await initBackend("auto", { autoCache: cache, autoBudgetMs: 60_000 });
    expect(cache.map.size).toBe(1);
    const [choice] = [...cache.map.values()];
    expect(choice.timings.map((t) => t.backend)).toEqual(["fastcpu", "wasm"]);
    expect(info.backend).toBe(choice.backend);
    expect(tf.getBackend()).toBe(choice.backend);
    expect(info.note).toMatch(/auto by measurement \(MLP 784-256-10 SGD step, batch 64: (fastcpu|wasm) [\d.]+ ms/);
    expect(info.note).toContain("measured now");
    expect(choice.timings.every((t) => t.msPerStep! > 0 && !t.firstStepOnly)).toBe(true);
  });

  it("a choice judged on first steps only (a busy machine) runs but is not cached", async () => {
    const cache = mapCache();
    // A budget nothing can meet: every candidate is judged on its warm-up step.
    const info = await initBackend("auto", { autoCache: cache, autoBudgetMs: 0 });
    expect(info.note).toMatch(/\(first step only\)/);
    expect(info.note).toContain("not kept: too busy to time more than a first step, measured again next start");
    expect(cache.map.size).toBe(0);
  });

  it("a cached choice starts directly, without measuring, and the note says when it was measured", async () => {
    const cache = mapCache();
    await initBackend("auto", { autoCache: cache });
    const [key] = [...cache.map.keys()];
    cache.map.set(key, { backend: "wasm", timings: [{ backend: "wasm", msPerStep: 1 }, { backend: "fastcpu", msPerStep: 2 }], measuredAt: "2026-01-02T00:00:00.000Z" });
    let sets = 0;
    const counting: AutoChoiceCache = { get: cache.get, set: async (k, v) => void (sets++, cache.map.set(k, v)) };
    const info = await initBackend("auto", { autoCache: counting });
    expect(info.backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(info.note).toContain("wasm 1.0 ms, fastcpu 2.0 ms; measured 2026-01-02");
    expect(sets).toBe(0);
  });
});
