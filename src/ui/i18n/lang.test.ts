// Tests for the language choice and the string tables.
import { describe, expect, it } from "vitest";
import { detectLang, initialLang, STRINGS } from "./lang";

describe("UI language", () => {
  it("follows the browser's first Korean or English preference", () => {
    expect(detectLang(["ko-KR", "en-US"])).toBe("ko");
    expect(detectLang(["en-US", "ko"])).toBe("en");
    expect(detectLang(["fr-FR", "ko"])).toBe("ko");
    expect(detectLang(["de"])).toBe("en");
    expect(detectLang([])).toBe("en");
  });

  it("prefers the remembered choice", () => {
    expect(initialLang("ko", ["en-US"])).toBe("ko");
    expect(initialLang("en", ["ko-KR"])).toBe("en");
    expect(initialLang("fr", ["ko-KR"])).toBe("ko");
    expect(initialLang(null, ["en"])).toBe("en");
  });

  it("has every string in both languages, none empty", () => {
    expect(Object.keys(STRINGS.ko).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const table of Object.values(STRINGS)) {
      for (const [key, value] of Object.entries(table)) {
        const text = typeof value === "function" ? (value as (...a: string[]) => string)("x", "y") : value;
        expect(text.trim(), key).not.toBe("");
      }
    }
  });
});
