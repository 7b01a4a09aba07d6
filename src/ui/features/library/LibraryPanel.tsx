// The notebook list: a slim rail (toggle, save state, the file input) and, when open, tutorials and "my notebooks".
import { useRef } from "react";
import type { NotebookMeta } from "../../../notebook/storage/store";
import type { Tutorial } from "../../../tutorials";
import { useLang, useT } from "../../i18n/lang";
import { tutorialTitle } from "./catalog";
import { NotebookItem } from "./NotebookItem";
import { SaveIndicator } from "./SaveIndicator";
import type { StatusStore } from "./status-store";
import type { SaveStatus } from "../../../notebook/storage/autosave";

export interface LibraryPanelProps {
  open: boolean;
  onToggle: () => void;
  tutorials: readonly Tutorial[];
  metas: NotebookMeta[];
  currentId: string | null;
  saveStatus: StatusStore<SaveStatus>;
  storageOff: boolean;
  onOpen: (id: string) => void;
  onCreate: () => void;
  onDuplicate: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onRemove: (id: string) => void;
  onOpenFile: (file: File) => void;
}

export function LibraryPanel(props: LibraryPanelProps) {
  const { open, tutorials, metas, currentId } = props;
  const t = useT();
  const { lang } = useLang();
  const fileInput = useRef<HTMLInputElement>(null);
  const stored = new Set(metas.map((m) => m.id));
  const mine = metas.filter((m) => m.tutorialId === null).sort((a, b) => b.createdAt - a.createdAt);

  return (
    <aside className={`gb-library${open ? " gb-library-open" : ""}`} aria-label={t.notebooks}>
      <div className="gb-library-rail">
        <button
          type="button"
          data-testid="library-toggle"
          aria-expanded={open}
          title={open ? t.hideNotebooks : t.showNotebooks}
          aria-label={open ? t.hideNotebooks : t.showNotebooks}
          onClick={props.onToggle}
        >
          ☰
        </button>
        <SaveIndicator status={props.saveStatus} off={props.storageOff} />
        {/* Always in the page, so a file can be opened with the list closed (and by tests). */}
        <input
          ref={fileInput}
          type="file"
          accept=".ipynb,application/x-ipynb+json,application/json"
          data-testid="open-ipynb"
          hidden
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ""; // the same file can be picked again
            if (file) props.onOpenFile(file);
          }}
        />
      </div>
      {open && (
        <div className="gb-library-panel" data-testid="notebook-list">
          <div className="gb-library-buttons">
            <button type="button" className="gb-primary" data-testid="new-notebook" onClick={props.onCreate}>
              {t.newNotebook}
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              {t.openIpynb}
            </button>
          </div>
          <h2>{t.tutorials}</h2>
          <ul>
            {tutorials.map((x) => (
              <NotebookItem
                key={x.id}
                id={x.id}
                title={tutorialTitle(x, lang)}
                current={x.id === currentId}
                tutorial
                edited={stored.has(x.id)}
                onOpen={props.onOpen}
                onDuplicate={props.onDuplicate}
                onRemove={props.onRemove}
              />
            ))}
          </ul>
          <h2>{t.myNotebooks}</h2>
          {mine.length === 0 ? (
            <p className="gb-library-empty">{t.noNotebooks}</p>
          ) : (
            <ul>
              {mine.map((m) => (
                <NotebookItem
                  key={m.id}
                  id={m.id}
                  title={m.title}
                  current={m.id === currentId}
                  tutorial={false}
                  edited
                  onOpen={props.onOpen}
                  onDuplicate={props.onDuplicate}
                  onRename={props.onRename}
                  onRemove={props.onRemove}
                />
              ))}
            </ul>
          )}
          <p className="gb-library-hint">{t.dropHint}</p>
        </div>
      )}
    </aside>
  );
}
