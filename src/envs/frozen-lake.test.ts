// FrozenLake follows gym's rules: moves, walls, holes, the goal, slipping odds, the time limit, seeding and errors.
import { describe, expect, it } from "vitest";
import { manualSeed } from "../core";
import { DOWN, FrozenLakeEnv, LEFT, RIGHT, UP, gym } from ".";

describe("FrozenLake-v1", () => {
  it("has gym's spaces and map", () => {
    const env = gym.make("FrozenLake-v1", { isSlippery: false });
    expect(env.observationSpace.n).toBe(16);
    expect(env.actionSpace.n).toBe(4);
    expect(env.desc).toEqual(["SFFF", "FHFH", "FFFH", "HFFG"]);
    expect(String(env)).toBe("FrozenLakeEnv(4x4, isSlippery=false)");
    expect(gym.make("FrozenLake8x8-v1").observationSpace.n).toBe(64);
    expect(gym.make("FrozenLake-v1").isSlippery).toBe(true);
  });

  it("walks the shortest safe path to the goal when not slippery", () => {
    const env = gym.make("FrozenLake-v1", { isSlippery: false });
    expect(env.reset()).toBe(0);
    const path = [RIGHT, RIGHT, DOWN, DOWN, DOWN, RIGHT].map((a) => env.step(a));
    expect(path.map(([s]) => s)).toEqual([1, 2, 6, 10, 14, 15]);
    expect(path.map(([, r]) => r)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(path.map(([, , d]) => d)).toEqual([false, false, false, false, false, true]);
    expect(path[5][3]).toEqual({ prob: 1, truncated: false });
  });

  it("stops at walls and ends the episode in a hole with no reward", () => {
    const env = gym.make("FrozenLake-v1", { isSlippery: false });
    env.reset();
    expect(env.step(LEFT)).toEqual([0, 0, false, { prob: 1, truncated: false }]);
    expect(env.step(UP)[0]).toBe(0);
    expect(env.step(DOWN)[0]).toBe(4);
    expect(env.step(RIGHT)).toEqual([5, 0, true, { prob: 1, truncated: false }]);
    expect(env.render()).toBe("  (Right)\n S  F  F  F \n F [H] F  H \n F  F  F  H \n H  F  F  G ");
  });

  it("has gym's slippery transition table and samples it with the seeded generator", () => {
    const env = gym.make("FrozenLake-v1");
    // gym: for b in [(a - 1) % 4, a, (a + 1) % 4], each with probability 1/3.
    expect(env.P[0][LEFT]).toEqual([[1 / 3, 0, 0, false], [1 / 3, 0, 0, false], [1 / 3, 4, 0, false]]);
    expect(env.P[14][RIGHT]).toEqual([[1 / 3, 14, 0, false], [1 / 3, 15, 1, true], [1 / 3, 10, 0, false]]);
    expect(env.P[5][DOWN]).toEqual([[1, 5, 0, true]]);
    manualSeed(0);
    const counts = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      env.reset();
      const [s] = env.step(DOWN); // slides left (stays at 0), goes down (4) or slides right (1)
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([0, 1, 4]);
    for (const n of counts.values()) expect(Math.abs(n / 3000 - 1 / 3)).toBeLessThan(0.04);
  });

  it("is reproducible under manualSeed and under reset({ seed })", () => {
    const run = (seedFirst: () => FrozenLakeEnv) => {
      const env = seedFirst();
      const seen: number[] = [];
      for (let i = 0; i < 40; i++) {
        const a = env.actionSpace.sample();
        const [s, , done] = env.step(a);
        seen.push(a, s);
        if (done) env.reset();
      }
      return seen;
    };
    const viaManualSeed = () => {
      manualSeed(7);
      const env = new FrozenLakeEnv();
      env.reset();
      return env;
    };
    expect(run(viaManualSeed)).toEqual(run(viaManualSeed));
    const viaReset = () => {
      const env = new FrozenLakeEnv();
      env.reset({ seed: 3 });
      return env;
    };
    manualSeed(1);
    const a = run(viaReset);
    manualSeed(2);
    expect(run(viaReset)).toEqual(a);
    expect(new Set(a.filter((_, i) => i % 2 === 0))).toEqual(new Set([0, 1, 2, 3]));
  });

  it("cuts an episode at the time limit and says so in info", () => {
    const env = gym.make("FrozenLake-v1", { isSlippery: false });
    env.reset();
    for (let t = 1; t < 100; t++) expect(env.step(LEFT)[2]).toBe(false);
    expect(env.step(LEFT)).toEqual([0, 0, true, { prob: 1, truncated: true }]);
    const short = new FrozenLakeEnv({ isSlippery: false, maxEpisodeSteps: 0 });
    short.reset();
    for (let t = 0; t < 300; t++) expect(short.step(UP)[2]).toBe(false);
  });

  it("takes a one-element tensor as the action", () => {
    const env = gym.make("FrozenLake-v1", { isSlippery: false });
    env.reset();
    expect(env.step({ item: () => DOWN })[0]).toBe(4);
  });

  it("explains misuse", () => {
    const env = gym.make("FrozenLake-v1", { isSlippery: false });
    expect(() => env.step(0)).toThrow(/call env.reset\(\) before env.step/);
    env.reset();
    expect(() => env.step(4)).toThrow(/action must be an integer 0-3 .*got 4/);
    expect(() => env.step(1.5)).toThrow(/got 1.5/);
    env.step(DOWN);
    env.step(RIGHT);
    expect(() => env.step(RIGHT)).toThrow(/episode is over .*call env.reset\(\)/);
    expect(() => gym.make("CartPole-v1" as "FrozenLake-v1")).toThrow(/no such environment; Gradbook has "FrozenLake-v1", "FrozenLake8x8-v1"/);
    expect(() => new FrozenLakeEnv({ desc: ["SFF", "FG"] })).toThrow(/equal-length rows/);
    expect(() => new FrozenLakeEnv({ desc: ["FFG"] })).toThrow(/one S/);
  });

  it("takes a custom map", () => {
    const env = new FrozenLakeEnv({ desc: ["SG"], isSlippery: false });
    env.reset();
    expect(env.step(RIGHT)).toEqual([1, 1, true, { prob: 1, truncated: false }]);
  });
});
