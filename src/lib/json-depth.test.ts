import { describe, expect, it } from "vitest";
import { jsonDepth, prettyJson } from "./json-depth";

const nested = (depth: number) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown;

describe("jsonDepth", () => {
  it("counts arrays and objects, not scalars", () => {
    expect(jsonDepth(3)).toBe(0);
    expect(jsonDepth([])).toBe(1);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
  });

  it("measures a 100,000-deep value without a stack overflow, and stops early at a limit", () => {
    expect(jsonDepth(nested(100_000))).toBe(100_000);
    expect(jsonDepth(nested(100_000), 500)).toBe(501);
  });
});

describe("prettyJson", () => {
  it("prints like JSON.stringify(v, null, 2) within the depth limit", () => {
    const v = { a: [1, "x", null, { b: true }], c: {}, d: [] };
    expect(prettyJson(v)).toBe(JSON.stringify(v, null, 2));
  });

  it("elides what is nested deeper than the limit, so a 100,000-deep value prints", () => {
    const text = prettyJson(nested(100_000), 3);
    expect(text).toBe("[\n  [\n    [\n      […]\n    ]\n  ]\n]");
    expect(() => JSON.stringify(nested(100_000))).toThrow(RangeError);
  });
});
