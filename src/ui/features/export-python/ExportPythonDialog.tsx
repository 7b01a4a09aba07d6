// Export → PyTorch (.ipynb / .py): translates the notebook, shows what could not be translated, then downloads.
import { useEffect, useRef, useState } from "react";
import type { NotebookExport, PythonFormat } from "../../../notebook/export-python";
import type { NotebookDoc } from "../../../notebook/types";
import { useLang } from "../../i18n/lang";
import { EXPORT_PYTHON_STRINGS } from "./strings";
import "./export-python.css";

/** A toolbar entry as the Header's `entries` take them (data, not markup). */
export interface ExportEntry {
  id: string;
  text: string;
  title: string;
  onClick: () => void;
}

/** The two toolbar entries (Header's `entries`): each opens the dialog for its format. */
export function exportPythonEntries(open: (format: PythonFormat) => void, lang: "ko" | "en"): ExportEntry[] {
  const s = EXPORT_PYTHON_STRINGS[lang];
  return [
    { id: "export-pytorch-ipynb", text: s.ipynb, title: s.ipynbTitle, onClick: () => open("ipynb") },
    { id: "export-pytorch-py", text: s.py, title: s.pyTitle, onClick: () => open("py") },
  ];
}

export interface ExportPythonDialogProps {
  format: PythonFormat;
  doc: NotebookDoc;
  fileName: string;
  save: (fileName: string, mime: string, buffer: ArrayBuffer) => void;
  onClose: () => void;
  /** Where a failure to translate or save goes (the app's error banner): never silent. */
  onError: (message: string) => void;
}

export function ExportPythonDialog({ format, doc, fileName, save, onClose, onError }: ExportPythonDialogProps) {
  const { lang } = useLang();
  const s = EXPORT_PYTHON_STRINGS[lang === "ko" ? "ko" : "en"];
  const [result, setResult] = useState<NotebookExport | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    let live = true;
    // The translator (sucrase + acorn) loads on first use, not with the app.
    import("../../../notebook/export-python")
      .then(({ exportNotebook }) => live && setResult(exportNotebook(doc, { format, fileName })))
      .catch((e: unknown) => {
        onError(`PyTorch export failed: ${(e as Error)?.message ?? String(e)}`);
        onClose();
      });
    return () => {
      live = false;
    };
  }, [doc, format, fileName, onClose, onError]);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const download = () => {
    if (!result) return;
    try {
      save(result.fileName, result.mime, new TextEncoder().encode(result.text).buffer as ArrayBuffer);
    } catch (e) {
      onError(`${result.fileName} was not downloaded: ${(e as Error)?.message ?? String(e)}`);
    }
    onClose();
  };
  return (
    <dialog ref={dialog} className="gb-dialog gb-export-python" data-testid="export-python-dialog" data-format={format} onCancel={onClose}>
      <p className="gb-export-python-heading">
        {s.heading}: <code>{result?.fileName ?? "…"}</code>
      </p>
      {!result && <p>{s.preparing}</p>}
      {result && result.untranslatable.length === 0 && <p data-testid="export-python-ok">{s.allTranslated}</p>}
      {result && result.untranslatable.length > 0 && (
        <>
          <p>{s.someUntranslated(result.untranslatable.length)}</p>
          <ul className="gb-export-python-problems" data-testid="export-python-problems">
            {result.untranslatable.map((u, i) => (
              <li key={i}>
                cell {u.cell}, line {u.line}: <code>{u.source}</code> — {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {result && <p className="gb-export-python-run">{format === "py" ? s.runPy(result.fileName) : s.runIpynb}</p>}
      <div className="gb-dialog-buttons">
        <button type="button" data-testid="export-python-cancel" onClick={onClose}>
          {s.cancel}
        </button>
        <button type="button" className="gb-primary" data-testid="export-python-download" disabled={!result} autoFocus onClick={download}>
          {s.download}
        </button>
      </div>
    </dialog>
  );
}
