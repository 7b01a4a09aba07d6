// Tests for base-path.ts: GRADBOOK_BASE → Vite's base.
import { describe, expect, it } from "vitest";
import { basePath } from "./base-path";

describe("basePath", () => {
  it("defaults to / and normalises the trailing slash", () => {
    expect(basePath({})).toBe("/");
    expect(basePath({ GRADBOOK_BASE: " " })).toBe("/");
    expect(basePath({ GRADBOOK_BASE: "/gradbook" })).toBe("/gradbook/");
    expect(basePath({ GRADBOOK_BASE: "/a/b/" })).toBe("/a/b/");
  });

  it("refuses a relative path or a URL, saying what to write", () => {
    expect(() => basePath({ GRADBOOK_BASE: "gradbook/" })).toThrow(/must be the site's path on its host, like \/gradbook\/, got "gradbook\/"/);
    expect(() => basePath({ GRADBOOK_BASE: "https://x.org/g/" })).toThrow(/like \/gradbook\//);
  });
});
