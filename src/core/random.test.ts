// Generator state: getState/setState (and the global getRngState/setRngState) replay the same draws.
import { describe, expect, it } from "vitest";
import { Generator, getRngState, manualSeed, setRngState } from "./random";

describe("RNG state", () => {
  it("a saved state replays the same stream, on a generator and globally", () => {
    const g = new Generator(5);
    g.random();
    const s = g.getState();
    const a = [g.random(), g.normal(), g.randint(0, 100)];
    g.setState(s);
    expect([g.random(), g.normal(), g.randint(0, 100)]).toEqual(a);
    expect(s).toBeInstanceOf(Uint32Array);

    manualSeed(1);
    const saved = getRngState();
    const first = new Generator(0).setState(saved).random();
    setRngState(saved);
    expect(new Generator(0).setState(getRngState()).random()).toBe(first);
  });

  it("rejects a state that is not 4 uint32 words", () => {
    const g = new Generator(0);
    expect(() => g.setState([1, 2, 3])).toThrow("setState expected 4 uint32 words (not all zero) from getState(), got [1, 2, 3]");
    expect(() => g.setState([0, 0, 0, 0])).toThrow(/not all zero/);
    expect(() => g.setState([1, 2, 3, 2 ** 32])).toThrow(/uint32/);
  });
});
