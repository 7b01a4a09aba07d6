// One open notebook and its autosaver: skips writes that would store the same text, creates the record on first save.
import { Autosaver, type SaveStatus } from "../../../notebook/storage/autosave";
import { clearDraft, writeDraft } from "../../../notebook/storage/drafts";
import { RevisionConflictError, serializeForStore, type NotebookMeta, type NotebookStore } from "../../../notebook/storage/store";
import type { NotebookDoc } from "../../../notebook/types";
import type { OpenNotebook } from "./catalog";
import { NotebookConflictError, watchPresence } from "./tab-presence";

export interface Session {
  notebook: OpenNotebook;
  /** Null when there is no storage to save to. */
  saver: Autosaver | null;
  /** Writes unsaved changes to localStorage at once (page hide, unload): the next start stores them (drafts.ts). */
  saveDraft: () => void;
}

export interface SessionHooks {
  store: NotebookStore | null;
  onStatus: (status: SaveStatus) => void;
  /** After a write that created a record (the list has a new entry). */
  onCreated: (meta: NotebookMeta) => void;
  isListed: (id: string) => boolean;
}

/**
 * Starts saving `notebook`. With `persistNow` (a new, duplicated or opened file) the first version is written at
 * once; otherwise nothing is written until the document changes (opening a tutorial stores nothing).
 */
export function startSession(notebook: OpenNotebook, hooks: SessionHooks, persistNow: boolean): Session {
  const { store } = hooks;
  if (!store) return { notebook, saver: null, saveDraft: () => undefined };
  const ref = { id: notebook.id, title: notebook.title, tutorialId: notebook.tutorialId };
  let lastText = persistNow ? "" : serializeForStore(notebook.doc);
  // Two tabs on one notebook: the second one learns of the first (BroadcastChannel) and of any save it missed
  // (the stored revision), and stops saving until the user takes over; its newest state stays in memory.
  let revision: number | undefined;
  /** A write is on its way to the store: if it lands, the stored revision will be one more than `revision`. */
  let writing = false;
  let force = false;
  const known = store.get(ref.id).then(
    (m) => void (revision = m?.revision ?? 0),
    () => undefined,
  );
  const presence = watchPresence(ref.id, () => {
    force = true;
    void saver.flush();
  });
  const write = async (doc: NotebookDoc) => {
    if (presence.blocked) throw new NotebookConflictError("this notebook is open in another tab; take over to save here");
    const text = serializeForStore(doc);
    // Changes that do not reach the file (a restart's counter reset, a re-render) are not worth a write.
    if (text === lastText && !force) return;
    await known;
    const isNew = !hooks.isListed(ref.id);
    let meta: NotebookMeta;
    try {
      writing = true;
      meta = await store.saveText(ref, text, force ? undefined : revision);
    } catch (e) {
      if (e instanceof RevisionConflictError) presence.block();
      throw e;
    } finally {
      writing = false;
    }
    force = false;
    revision = meta.revision;
    lastText = text;
    // A draft written while this write was under way holds newer text: it stays for the next start.
    clearDraft(ref.id, text);
    if (isNew) hooks.onCreated(meta);
  };
  const saver = new Autosaver(write, hooks.onStatus, persistNow ? null : notebook.doc);
  if (persistNow) {
    saver.schedule(notebook.doc);
    void saver.flush();
  }
  const saveDraft = () => {
    if (!saver.unsaved || presence.blocked) return;
    try {
      // The revision the draft supersedes counts a write still under way, which may land after this page is gone.
      writeDraft({ ...ref, text: serializeForStore(saver.newest!), revision: revision === undefined ? null : revision + (writing ? 1 : 0) });
    } catch {
      // a document JSON cannot write (too deep) has no draft; its save error is already shown
    }
  };
  return { notebook, saver, saveDraft };
}
