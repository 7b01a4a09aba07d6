// The memory bench's verdict: flat means no tensor or byte drift after epoch 1 and heap within the slack.
import { describe, expect, it } from "vitest";
import { HEAP_SLACK_MB, judge, type MemorySample } from "./bench-memory-report";

const at = (epoch: number, tensors: number, bytes: number, heapMB: number): MemorySample => ({ epoch, tensors, bytes, heapMB, testAccuracy: 90, seconds: epoch });

describe("judge", () => {
  it("calls equal counts after epoch 1 flat, whatever epoch 1 itself was", () => {
    const r = judge([at(1, 45, 1000, 30), at(2, 45, 1000, 31), at(3, 45, 1000, 30.5)]);
    expect(r).toEqual({ tensorDrift: 0, byteDrift: 0, heapDriftMB: 1, flat: true });
  });
  it("is not flat when one tensor leaks per epoch", () => {
    const r = judge([at(1, 45, 1000, 30), at(2, 46, 1040, 30), at(3, 47, 1080, 30)]);
    expect(r.flat).toBe(false);
    expect(r.tensorDrift).toBe(2);
    expect(r.byteDrift).toBe(80);
  });
  it("is not flat when the heap grows past the slack", () => {
    expect(judge([at(1, 1, 1, 30), at(2, 1, 1, 30 + HEAP_SLACK_MB + 1)]).flat).toBe(false);
  });
  it("needs two epochs to judge", () => expect(judge([at(1, 1, 1, 1)]).flat).toBe(false));
});
