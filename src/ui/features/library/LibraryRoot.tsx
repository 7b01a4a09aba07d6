// The page's root below the entry point: UI language, the notebook list beside the open notebook, notices, file drop.
import { useCallback, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from "react";
import type { KernelClient } from "../../../kernel/client/client";
import { foreignLanguage } from "../../../notebook/storage/import";
import type { NotebookDoc } from "../../../notebook/types";
import { tutorials } from "../../../tutorials";
import { LangProvider, useLang, useT } from "../../i18n/lang";
import { displayTitle, fileNameFor } from "./catalog";
import { CurrentNotebookContext, type CurrentNotebook } from "./current-notebook";
import { LibraryNotices } from "./LibraryNotices";
import { LibraryPanel } from "./LibraryPanel";
import { looksLikeMnist, uploadMnist } from "../pwa/MnistUpload";
import { OpenFromUrl } from "../pwa/OpenFromUrl";
import { PWA_STRINGS } from "../pwa/strings";
import { useFileDrop } from "./use-file-drop";
import { useLibrary } from "./use-library";
import "./library.css";

/** What the notebook view is given; the same shape the app took before the library existed. */
export interface OpenedForView {
  doc: NotebookDoc;
  title: string;
  fileName: string;
  problem: string | null;
}

export interface LibraryRootProps {
  client: KernelClient;
  search: string;
  /** Renders the notebook view (the app) for the open notebook; it is remounted when another notebook opens. */
  renderNotebook: (opened: OpenedForView) => ReactNode;
}

const PANEL_KEY = "gradbook.libraryOpen";

function usePanelOpen(): [boolean, () => void] {
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(PANEL_KEY) === "1";
    } catch {
      return false;
    }
  });
  const toggle = useCallback(() => {
    setOpen((o) => {
      try {
        localStorage.setItem(PANEL_KEY, o ? "0" : "1");
      } catch {
        // not remembered
      }
      return !o;
    });
  }, []);
  return [open, toggle];
}

function LibraryShell({ client, search, renderNotebook }: LibraryRootProps) {
  const t = useT();
  const { lang } = useLang();
  const library = useLibrary(client, search);
  const { session, actions } = library;
  const [panelOpen, togglePanel] = usePanelOpen();
  const { openFile } = actions;
  // Dropped MNIST files (.gz or IDX) go to the kernel's MNIST store; anything else opens as a notebook.
  const onDrop = useCallback(
    (file: File, all: File[]) => (looksLikeMnist(all) ? void uploadMnist(client, all, PWA_STRINGS[lang].mnistStored) : openFile(file)),
    [client, lang, openFile],
  );
  const dragging = useFileDrop(onDrop);
  const notebook = session?.notebook ?? null;
  const saver = session?.saver ?? null;

  const title = notebook ? displayTitle(notebook, tutorials, lang) : "";
  const fileName = notebook ? fileNameFor(notebook, tutorials) : "";
  // Bound to this session's saver: a view still unmounting cannot write into the next notebook.
  const id = notebook?.id;
  const current = useMemo<CurrentNotebook>(
    () => ({ id, title, fileName, onDocChange: (doc) => saver?.schedule(doc), onSourceEdit: (cellId, source) => saver?.noteEdit(cellId, source) }),
    [id, title, fileName, saver],
  );
  useEffect(() => {
    if (title) document.title = `${title} · Gradbook`;
  }, [title]);

  const foreign = notebook ? foreignLanguage(notebook.doc.metadata) : null;
  const mainStyle = foreign ? ({ "--gb-foreign-cell": JSON.stringify(t.foreignCell(foreign)) } as CSSProperties) : undefined;

  return (
    <div className="gb-shell">
      <LibraryPanel
        open={panelOpen}
        onToggle={togglePanel}
        tutorials={tutorials}
        metas={library.metas}
        currentId={notebook?.id ?? null}
        saveStatus={library.saveStatus}
        storageOff={library.unavailable !== null}
        onOpen={actions.open}
        onCreate={actions.create}
        onDuplicate={(id) => void actions.duplicate(id)}
        onRename={(id, name) => void actions.rename(id, name)}
        onRemove={(id) => void actions.remove(id)}
        onOpenFile={(file) => void actions.openFile(file)}
      />
      <div className="gb-shell-main" data-foreign-language={foreign ?? undefined} style={mainStyle}>
        {notebook && (
          <CurrentNotebookContext.Provider value={current}>
            {/* A new key per notebook: the view starts fresh (its state, its kernel session). */}
            <div key={notebook.key} className="gb-shell-notebook" data-testid="open-notebook" data-notebook-id={notebook.id}>
              {renderNotebook({ doc: notebook.doc, title, fileName, problem: notebook.problem })}
            </div>
          </CurrentNotebookContext.Provider>
        )}
      </div>
      <LibraryNotices saveStatus={library.saveStatus} unavailable={library.unavailable} notice={library.notice} onDismiss={actions.dismissNotice} />
      <OpenFromUrl search={search} onFile={openFile} />
      {dragging && (
        <div className="gb-drop-overlay" aria-hidden>
          {t.dropHint}
        </div>
      )}
    </div>
  );
}

export function LibraryRoot(props: LibraryRootProps) {
  return (
    <LangProvider>
      <LibraryShell {...props} />
    </LangProvider>
  );
}
