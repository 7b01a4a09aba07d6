// Tests for restart-confirm.ts: asks by default, stops after "don't ask again", survives a storage that throws.
import { describe, expect, it } from "vitest";
import { shouldAskRestart, stopAskingRestart } from "./restart-confirm";

describe("restart confirmation", () => {
  it("asks until told not to", () => {
    const m = new Map<string, string>();
    const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(shouldAskRestart(storage)).toBe(true);
    stopAskingRestart(storage);
    expect(shouldAskRestart(storage)).toBe(false);
  });

  it("asks when storage is unavailable", () => {
    const broken = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
    expect(shouldAskRestart(broken)).toBe(true);
    expect(() => stopAskingRestart(broken)).not.toThrow();
  });
});
