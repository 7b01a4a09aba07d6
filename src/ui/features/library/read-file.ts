// Reads a picked or dropped file into a notebook, or says in the UI language why it cannot be opened.
import type { NotebookDoc } from "../../../notebook/types";
import { checkImportSize, importIpynb, NotebookImportError } from "../../../notebook/storage/import";
import type { Strings } from "../../i18n/en";

export type FileRead = { ok: true; doc: NotebookDoc; title: string } | { ok: false; error: string };

function explain(e: unknown, file: File, t: Strings): string {
  if (e instanceof NotebookImportError) {
    switch (e.reason) {
      case "too-big":
        return t.openErrorTooBig(file.name, (file.size / 1024 / 1024).toFixed(1));
      case "binary":
        return t.openErrorBinary(file.name);
      case "format":
        return t.openErrorFormat(file.name, e.message);
    }
  }
  return t.openErrorRead(file.name, (e as Error)?.message ?? String(e));
}

export async function readFileNotebook(file: File, t: Strings): Promise<FileRead> {
  try {
    checkImportSize(file.size, file.name);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { doc, title } = importIpynb(bytes, file.name);
    return { ok: true, doc, title };
  } catch (e) {
    return { ok: false, error: `${explain(e, file, t)} ${t.openErrorUntouched}` };
  }
}
