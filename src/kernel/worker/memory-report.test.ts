// Tests for memory-report.ts on the real engine: what variables hold, largest first, and the backend probe.
import { describe, expect, it } from "vitest";
import { memoryInfo, ones, zeros } from "../../core";
import * as nn from "../../nn";
import { engineMemory } from "./memory-report";

describe("engineMemory", () => {
  it("names the tensors, modules and lists of tensors the variables hold, largest first", () => {
    const big = zeros(256, 256);
    const model = new nn.Linear(10, 4);
    const kept = [ones(8, 8), ones(8, 8), "not a tensor"];
    const gone = ones(2);
    gone.dispose();
    const report = engineMemory.report({ big, model, kept, gone, n: 3, s: "x" });
    expect(report.largest).toEqual([
      { name: "big", bytes: 256 * 256 * 4, shape: [256, 256] },
      { name: "kept", bytes: 2 * 64 * 4, tensors: 2 },
      { name: "model", bytes: 44 * 4, tensors: 2 },
    ]);
    expect(report).toMatchObject({ bytes: memoryInfo().numBytes, tensors: memoryInfo().numTensors });
    for (const t of [big, ...kept.slice(0, 2)] as Array<{ dispose(): void }>) t.dispose();
  });

  it("probes a healthy backend as usable", () => {
    expect(engineMemory.probe()).toBe(true);
  });
});
