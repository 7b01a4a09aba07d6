// Fuzz: random .ipynb-shaped JSON never throws out of the loader (parse, convert, validate) except as a
// NotebookFormatError naming the problem, and whatever loads can be saved again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotebookFormatError } from "../../io/ipynb";
import { openNotebook, saveNotebook } from "../ipynb-convert";
import { ipynbLike } from "./fuzz-arbitraries";
import { validateDoc } from "./validate-doc";

export const LOADER_RUNS = 2000;

describe("notebook loader fuzz", () => {
  it(`loads or refuses with a NotebookFormatError, never anything else (${LOADER_RUNS} runs)`, () => {
    let loaded = 0;
    fc.assert(
      fc.property(ipynbLike, (nb) => {
        let text: string;
        try {
          text = JSON.stringify(nb);
        } catch {
          return; // not JSON (fast-check's -0 and the like): not a file anyone can have
        }
        let doc;
        try {
          doc = openNotebook(text, "fuzz.ipynb");
        } catch (e) {
          expect(e).toBeInstanceOf(NotebookFormatError);
          expect((e as Error).message).toContain("fuzz.ipynb");
          return;
        }
        loaded += 1;
        const checked = validateDoc(doc);
        expect(() => saveNotebook(checked.doc)).not.toThrow();
        // Validation is idempotent: what it kept validates again without a note.
        expect(validateDoc(checked.doc).notes).toEqual([]);
      }),
      { numRuns: LOADER_RUNS },
    );
    expect(loaded).toBeGreaterThan(LOADER_RUNS / 3); // most runs exercise the converter, not just the refusal
  });
});
