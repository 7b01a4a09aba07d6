// auto's backend choice survives in IndexedDB per key (fake-indexeddb in Node).
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { AutoChoice } from "../core/auto-pick";
import { autoChoiceStore } from "./auto-choice-store";

describe("autoChoiceStore", () => {
  it("keeps a choice per adapter and browser, across store objects (new sessions)", async () => {
    const choice: AutoChoice = { backend: "webgpu", timings: [{ backend: "webgpu", msPerStep: 0.5 }, { backend: "fastcpu", msPerStep: 1 }], measuredAt: "2026-12-07T00:00:00.000Z" };
    await autoChoiceStore("auto-test")!.set("gpu A | Chrome 156", choice);
    const later = autoChoiceStore("auto-test")!;
    expect(await later.get("gpu A | Chrome 156")).toEqual(choice);
    expect(await later.get("gpu A | Chrome 157")).toBeUndefined();
  });
});
