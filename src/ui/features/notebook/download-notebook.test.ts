// Download .ipynb never fails silently: a document JSON cannot write, or a browser that refuses, comes back as text.
import { describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "../../../notebook/cells";
import { deepArrayJson } from "../../../notebook/validate/malformed-cases";
import { downloadNotebook } from "./download-notebook";

describe("downloadNotebook", () => {
  it("hands the .ipynb bytes to the browser and reports no error", () => {
    const saved: Array<{ name: string; text: string }> = [];
    const error = downloadNotebook(makeNotebook([makeCell("code", "print(1)")]), "a.ipynb", (name, _mime, buffer) => {
      saved.push({ name, text: new TextDecoder().decode(buffer) });
    });
    expect(error).toBeNull();
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0].text).cells[0].source).toEqual(["print(1)"]);
  });

  it("says why when the notebook holds metadata 100,000 levels deep (JSON.stringify overflows)", () => {
    const doc = makeNotebook([makeCell("code", "")], { deep: JSON.parse(deepArrayJson(100_000)) });
    let called = false;
    const error = downloadNotebook(doc, "deep.ipynb", () => void (called = true));
    expect(called).toBe(false);
    expect(error).toMatch(/nested too deeply to write as JSON \(Maximum call stack size exceeded\)/);
  });

  it("passes on the browser's own refusal", () => {
    const error = downloadNotebook(makeNotebook([]), "x.ipynb", () => {
      throw new Error("blocked by the browser");
    });
    expect(error).toBe("blocked by the browser");
  });
});
