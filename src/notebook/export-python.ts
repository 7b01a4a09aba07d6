// exportNotebook({ format }): the open notebook as a PyTorch program, a Jupyter .ipynb (python3 kernel) or a .py that
// takes --epochs/--batch-size/--lr/--device/--init and runs under torchrun.
import { notebookToPython, type PythonExport } from "../io/notebook-py/program";
import { docToIpynb } from "./ipynb-convert";
import type { NotebookDoc } from "./types";

export type PythonFormat = "ipynb" | "py";

export interface NotebookExport extends PythonExport {
  fileName: string;
  mime: string;
}

/** `mnist-cnn.ipynb` → `mnist-cnn.py`, or `mnist-cnn.pytorch.ipynb` (not the Gradbook notebook's own name). */
export function pythonFileName(notebookFile: string, format: PythonFormat): string {
  const base = notebookFile.replace(/\.ipynb$/i, "") || "notebook";
  return format === "py" ? `${base}.py` : `${base}.pytorch.ipynb`;
}

/** The document as a PyTorch program; `untranslatable` lists what raises NotImplementedError in it. */
export function exportNotebook(doc: NotebookDoc, opts: { format: PythonFormat; fileName?: string }): NotebookExport {
  if (opts.format !== "ipynb" && opts.format !== "py") {
    throw new TypeError(`exportNotebook: format must be "ipynb" or "py"; got ${JSON.stringify(opts.format)}`);
  }
  const fileName = pythonFileName(opts.fileName ?? "notebook.ipynb", opts.format);
  const out = notebookToPython(docToIpynb(doc), opts.format, fileName);
  return { ...out, fileName, mime: opts.format === "py" ? "text/x-python" : "application/x-ipynb+json" };
}
