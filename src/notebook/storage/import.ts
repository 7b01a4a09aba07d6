// Reads a .ipynb file the learner picked or dropped: size and text checks before parsing, and the language it was written in.
import { NotebookFormatError } from "../../io/ipynb";
import { openNotebook } from "../ipynb-convert";
import type { NotebookDoc } from "../types";

/** Bigger files are refused before they are read: a notebook that size is almost certainly not one. */
export const MAX_IPYNB_BYTES = 50 * 1024 * 1024;

export type ImportFailure = "too-big" | "binary" | "format";

/** Why a file could not be opened; `reason` lets the page say it in the learner's language. */
export class NotebookImportError extends Error {
  override name = "NotebookImportError";
  constructor(
    readonly reason: ImportFailure,
    readonly fileName: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportedNotebook {
  doc: NotebookDoc;
  /** The file name without `.ipynb`: the new notebook's title. */
  title: string;
}

/** Refuses a file by its size alone, before reading it. */
export function checkImportSize(bytes: number, fileName: string): void {
  if (bytes > MAX_IPYNB_BYTES) {
    const mb = (bytes / 1024 / 1024).toFixed(1);
    throw new NotebookImportError(
      "too-big",
      fileName,
      `${fileName} is ${mb} MB; Gradbook opens notebooks up to ${MAX_IPYNB_BYTES / 1024 / 1024} MB. Clear its outputs in Jupyter and save it again.`,
    );
  }
}

/** Parses the bytes of a .ipynb file; throws NotebookImportError naming the file and the fix. */
export function importIpynb(bytes: Uint8Array, fileName: string): ImportedNotebook {
  checkImportSize(bytes.byteLength, fileName);
  let text: string;
  try {
    if (bytes.subarray(0, 64 * 1024).includes(0)) throw new Error("NUL byte");
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NotebookImportError(
      "binary",
      fileName,
      `${fileName} is not a text file (a .ipynb notebook is UTF-8 JSON); pick the notebook itself, not an archive or an image.`,
    );
  }
  try {
    const doc = openNotebook(text.replace(/^\uFEFF/, ""), fileName);
    return { doc, title: fileName.replace(/\.ipynb$/i, "") || "Untitled" };
  } catch (e) {
    if (e instanceof NotebookFormatError) throw new NotebookImportError("format", fileName, e.message);
    throw e;
  }
}

/** Languages Gradbook's TypeScript cells can run. */
const OURS = new Set(["typescript", "javascript", "ts", "js", "gradbook"]);

/**
 * The language a notebook was written for, when it is not one Gradbook runs (`"Python"` for a Jupyter notebook);
 * null for Gradbook notebooks and for notebooks that do not say.
 */
export function foreignLanguage(metadata: Record<string, unknown>): string | null {
  const info = metadata.language_info as { name?: unknown } | undefined;
  const spec = metadata.kernelspec as { language?: unknown; name?: unknown } | undefined;
  const raw = [info?.name, spec?.language, spec?.name].find((x): x is string => typeof x === "string" && x.trim() !== "");
  if (raw === undefined) return null;
  const name = raw.trim().toLowerCase();
  if (OURS.has(name) || name.startsWith("typescript") || name.startsWith("tslab")) return null;
  const base = name.replace(/[\d.]+$/, "") || name; // "python3" → "python"
  return base.charAt(0).toUpperCase() + base.slice(1);
}
