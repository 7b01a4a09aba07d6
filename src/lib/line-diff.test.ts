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

describe("lineDiff on long cells", () => {
  it("diffs a 2,000-line cell line by line (the old LCS table gave up past 600 lines)", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `x${i} = ${i}`);
    const after = [...lines];
    after[1500] = "x1500 = -1";
    const diff = lineDiff(lines.join("\n"), after.join("\n"));
    expect(diff.filter((d) => d.op !== " ")).toEqual([
      { op: "-", text: "x1500 = 1500" },
      { op: "+", text: "x1500 = -1" },
    ]);
    expect(diff).toHaveLength(2001);
  });

  it("keeps empty lines and a missing final newline", () => {
    expect(lineDiff("a\n\nb", "a\n\nb\nc")).toEqual([
      { op: " ", text: "a" },
      { op: " ", text: "" },
      { op: " ", text: "b" },
      { op: "+", text: "c" },
    ]);
    expect(lineDiff("", "a")).toEqual([{ op: "-", text: "" }, { op: "+", text: "a" }]);
  });
});
