// Tests for traceback-view.ts: Jupyter's `In [n], line k` names and hidden engine frames.
import { describe, expect, it } from "vitest";
import { cellLabels, cellTagOf, viewTraceback } from "./traceback-view";

const kernelTraceback = [
  "Traceback (most recent call last):",
  "  Cell loop, line 3",
  "    const out = model(x);",
  "  Cell a_b, line 4, in Net.forward",
  "    const h = x.view(-1, 3);",
  "  in Tensor.view",
  "  in checkInterrupt",
  "  … 2 more frames inside the library",
  "RangeError: shape '[-1, 3]' is invalid for input of size 8",
];

describe("traceback view", () => {
  const labels = cellLabels(
    [
      { id: "md", type: "markdown", executionCount: null },
      { id: "a.b", type: "code", executionCount: 7 },
      { id: "loop", type: "code", executionCount: null },
    ],
    (k) => `Cell ${k}`,
  );

  it("names cells by execution count, else by position among code cells", () => {
    expect(labels.get(cellTagOf("a.b"))).toBe("In [7]");
    expect(labels.get("loop")).toBe("Cell 2");
  });

  it("hides engine frames by default and shows them on request; cell frames and their lines stay", () => {
    const hidden = viewTraceback(kernelTraceback, labels, false);
    expect(hidden.hidden).toBe(3);
    expect(hidden.lines).toEqual([
      "Traceback (most recent call last):",
      "  Cell 2, line 3",
      "    const out = model(x);",
      "  In [7], line 4, in Net.forward",
      "    const h = x.view(-1, 3);",
      "RangeError: shape '[-1, 3]' is invalid for input of size 8",
    ]);
    expect(hidden.lines.join("\n")).not.toMatch(/checkInterrupt|Tensor\.view/);
    expect(viewTraceback(kernelTraceback, labels, true).lines).toContain("  in checkInterrupt");
  });

  it("keeps the kernel's name for a cell it does not know (deleted since)", () => {
    expect(viewTraceback(["  Cell gone, line 1"], labels, false).lines).toEqual(["  Cell gone, line 1"]);
  });
});
