// Tests for line-diff.ts: LCS line diff and the compact view with context.
import { describe, expect, it } from "vitest";
import { compactDiff, lineDiff } from "./line-diff";

describe("lineDiff", () => {
  it("marks the changed line only", () => {
    const before = "const model = nn.Sequential(\n  nn.Sigmoid(),\n);\nconst lr = 0.1;";
    const after = "const model = nn.Sequential(\n  nn.ReLU(),\n);\nconst lr = 0.1;";
    expect(lineDiff(before, after)).toEqual([
      { op: " ", text: "const model = nn.Sequential(" },
      { op: "-", text: "  nn.Sigmoid()," },
      { op: "+", text: "  nn.ReLU()," },
      { op: " ", text: ");" },
      { op: " ", text: "const lr = 0.1;" },
    ]);
  });

  it("handles additions at the ends and identical text", () => {
    expect(lineDiff("a", "x\na\ny").map((d) => d.op)).toEqual(["+", " ", "+"]);
    expect(lineDiff("a\nb", "a\nb").every((d) => d.op === " ")).toBe(true);
  });
});

describe("compactDiff", () => {
  it("keeps changes with one line of context and marks gaps", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `l${i}`);
    const after = [...lines];
    after[5] = "changed";
    const out = compactDiff(lineDiff(lines.join("\n"), after.join("\n")));
    expect(out.map((d) => `${d.op}${d.text}`)).toEqual([" l4", "-l5", "+changed", " l6"]);
    expect(compactDiff(lineDiff("a", "a"))).toEqual([]);
    after[0] = "first";
    expect(compactDiff(lineDiff(lines.join("\n"), after.join("\n"))).some((d) => d.text === "…")).toBe(true);
  });
});
