// Tests for import.ts: a Jupyter-made Python notebook opens (and says it is Python); bad files get errors that name them.
import { describe, expect, it } from "vitest";
import { foreignLanguage, importIpynb, MAX_IPYNB_BYTES, NotebookImportError, checkImportSize } from "./import";

const enc = (s: string) => new TextEncoder().encode(s);
const pythonNotebook = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 4,
  metadata: {
    kernelspec: { display_name: "Python 3 (ipykernel)", language: "python", name: "python3" },
    language_info: { name: "python", version: "3.11.4" },
  },
  cells: [
    { cell_type: "markdown", metadata: {}, source: ["# Hello\n"] },
    { cell_type: "code", execution_count: 1, metadata: {}, outputs: [{ name: "stdout", output_type: "stream", text: ["2\n"] }], source: ["print(1 + 1)"] },
  ],
});

function failure(fn: () => unknown): NotebookImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NotebookImportError);
    return e as NotebookImportError;
  }
  throw new Error("expected a NotebookImportError");
}

describe("importIpynb", () => {
  it("opens a Jupyter Python notebook (nbformat 4.4, no cell ids) with its outputs", () => {
    const { doc, title } = importIpynb(enc("\uFEFF" + pythonNotebook), "analysis.ipynb");
    expect(title).toBe("analysis");
    expect(doc.cells.map((c) => [c.type, c.source])).toEqual([
      ["markdown", "# Hello\n"],
      ["code", "print(1 + 1)"],
    ]);
    expect(doc.cells[1].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "2\n" }]);
    expect(foreignLanguage(doc.metadata)).toBe("Python");
  });

  it("names the file and the problem for bad JSON, a non-notebook, binary data and huge files", () => {
    expect(failure(() => importIpynb(enc("{ not json"), "bad.ipynb"))).toMatchObject({ reason: "format", message: expect.stringMatching(/bad\.ipynb is not valid JSON/) });
    expect(failure(() => importIpynb(enc('{"a": 1}'), "x.ipynb")).message).toMatch(/not a Jupyter notebook/);
    expect(failure(() => importIpynb(enc('{"nbformat": 3, "worksheets": []}'), "old.ipynb")).message).toMatch(/nbformat 3/);
    expect(failure(() => importIpynb(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), "pic.ipynb")).reason).toBe("binary");
    expect(failure(() => importIpynb(new Uint8Array([0xff, 0xfe, 0x41]), "latin.ipynb")).reason).toBe("binary");
    expect(failure(() => checkImportSize(MAX_IPYNB_BYTES + 1, "huge.ipynb"))).toMatchObject({ reason: "too-big", message: expect.stringMatching(/huge\.ipynb is 50\.0 MB/) });
  });
});

describe("foreignLanguage", () => {
  it("is null for Gradbook, TypeScript and unlabeled notebooks", () => {
    expect(foreignLanguage({ kernelspec: { name: "gradbook", language: "typescript", display_name: "G" } })).toBeNull();
    expect(foreignLanguage({ language_info: { name: "typescript" } })).toBeNull();
    expect(foreignLanguage({})).toBeNull();
  });
  it("names other languages", () => {
    expect(foreignLanguage({ kernelspec: { name: "python3", display_name: "Python 3" } })).toBe("Python");
    expect(foreignLanguage({ language_info: { name: "R" } })).toBe("R");
  });
});
