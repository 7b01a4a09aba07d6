// initBackend's start-up side in Node: the steps it reports in order, and `auto` with autoMeasure "later" — a CPU
// backend at once, the measuring (and the kept choice) only when `measure` is called.
import { afterAll, describe, expect, it } from "vitest";
import type { AutoChoice, AutoChoiceCache } from "./auto-pick";
import { initBackend, tf, type BackendStartupStep } from "./backend";

const mapCache = (): AutoChoiceCache & { map: Map<string, AutoChoice> } => {
  const map = new Map<string, AutoChoice>();
  return { map, get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
};

describe("initBackend start-up", () => {
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  it("reports the engine, then the warm-up, before it returns", async () => {
    const steps: BackendStartupStep[] = [];
    const info = await initBackend("wasm", { onStartup: (s) => steps.push(s) });
    expect(info.backend).toBe("wasm");
    const phases = steps.map((s) => s.phase).filter((p, i, all) => i === 0 || all[i - 1] !== p);
    expect(phases).toEqual(["engine", "warmup"]);
    expect(steps.map((s) => s.label)).toContain("tfjs-backend-wasm binary");
  });

  it('auto "later" starts fastcpu at once without measuring; measure() times the candidates and keeps the choice', async () => {
    const cache = mapCache();
    const steps: BackendStartupStep[] = [];
    const info = await initBackend("auto", { autoCache: cache, autoMeasure: "later", autoBudgetMs: 60_000, onStartup: (s) => steps.push(s) });
    expect(info.backend).toBe("fastcpu");
    expect(info.note).toContain("auto: measuring the backends after the start");
    expect(cache.map.size).toBe(0);
    // fastcpu starts while the GPU probe runs: its engine steps may come before the saved choice is read.
    expect(steps).toContainEqual({ phase: "state", label: "saved backend choice" });
    expect(steps.map((s) => s.phase)).toContain("warmup");
    expect(info.measure).toBeDefined();

    const measured = await info.measure!();
    expect(cache.map.size).toBe(1);
    const [choice] = [...cache.map.values()];
    expect(choice.timings.map((t) => t.backend)).toEqual(["fastcpu", "wasm"]);
    expect(measured.backend).toBe(choice.backend);
    expect(tf.getBackend()).toBe(choice.backend);
    expect(measured.note).toMatch(/auto by measurement \(MLP 784-256-10 SGD step, batch 64: (fastcpu|wasm) [\d.]+ ms/);

    // The next start takes the kept choice: no measure left to do.
    const again = await initBackend("auto", { autoCache: cache, autoMeasure: "later" });
    expect(again.measure).toBeUndefined();
    expect(again.backend).toBe(choice.backend);
  });
});
