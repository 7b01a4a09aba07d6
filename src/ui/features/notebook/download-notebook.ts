// "Download .ipynb": writes the document and hands it to the browser; a failure comes back as text for the error banner.
import { saveWithAnchor } from "../../../kernel/client/client";
import { saveNotebook } from "../../../notebook/ipynb-convert";
import type { NotebookDoc } from "../../../notebook/types";

/** Downloads `doc` as `fileName`; returns null, or why nothing was downloaded (never fails silently). */
export function downloadNotebook(doc: NotebookDoc, fileName: string, save = saveWithAnchor): string | null {
  try {
    const bytes = new TextEncoder().encode(saveNotebook(doc));
    save(fileName, "application/x-ipynb+json", bytes.buffer as ArrayBuffer);
    return null;
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    if (e instanceof RangeError) {
      return `something in it is nested too deeply to write as JSON (${message}). Clear the outputs, or remove the deeply nested metadata, and download again.`;
    }
    return message;
  }
}
