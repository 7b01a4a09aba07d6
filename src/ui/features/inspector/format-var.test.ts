// Tests for format-var.ts: the inspector's details column.
import { describe, expect, it } from "vitest";
import { describeVar, formatBytes } from "./format-var";

describe("inspector rows", () => {
  it("formats bytes in binary units", () => {
    expect([formatBytes(12), formatBytes(1536), formatBytes(31_400), formatBytes(3 * 1024 ** 2)]).toEqual(["12 B", "1.5 KB", "30.7 KB", "3.0 MB"]);
  });

  it("describes tensors, models and optimizers by what matters for each", () => {
    expect(describeVar({ name: "x", type: "Tensor", shape: [64, 784], dtype: "float32", bytes: 200704, requiresGrad: true })).toBe(
      "[64, 784] · float32 · 196.0 KB · requiresGrad",
    );
    expect(describeVar({ name: "model", type: "Net", module: true, params: 7850, bytes: 31400 })).toBe("7,850 parameters · 30.7 KB");
    expect(describeVar({ name: "opt", type: "SGD", lr: 0.03 })).toBe("lr 0.03");
    expect(describeVar({ name: "n", type: "number", summary: "3" })).toBe("3");
  });
});
