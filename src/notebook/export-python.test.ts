// exportNotebook on a document: file names, both formats, the untranslatable list, and a clear error for a bad format.
import { describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "./cells";
import { exportNotebook, pythonFileName } from "./export-python";

describe("exportNotebook", () => {
  const doc = makeNotebook([makeCell("markdown", "# Demo"), makeCell("code", "const epochs = 2;\nprint(`epochs ${epochs}`);\nlet y = (1, 2);")]);

  it("writes a .py named after the notebook, with what it could not translate", () => {
    const out = exportNotebook(doc, { format: "py", fileName: "demo.ipynb" });
    expect(out.fileName).toBe("demo.py");
    expect(out.mime).toBe("text/x-python");
    expect(out.text).toContain('print(f"epochs {epochs}")');
    expect(out.untranslatable).toEqual([{ cell: 2, line: 3, source: "let y = (1, 2);", reason: "the comma operator" }]);
  });

  it("writes a python3 .ipynb that is not the Gradbook notebook's own name", () => {
    const out = exportNotebook(doc, { format: "ipynb", fileName: "demo.ipynb" });
    expect(out.fileName).toBe("demo.pytorch.ipynb");
    expect(JSON.parse(out.text).metadata.kernelspec.name).toBe("python3");
    expect(pythonFileName("", "py")).toBe("notebook.py");
  });

  it("names the formats it knows", () => {
    expect(() => exportNotebook(doc, { format: "pdf" as "py" })).toThrow('exportNotebook: format must be "ipynb" or "py"; got "pdf"');
  });
});
