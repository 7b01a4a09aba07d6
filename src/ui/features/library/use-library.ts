// The notebook library's state: the store, the list, the open notebook and its autosave, and every list action.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { deleteNotebookCheckpoints } from "../../../io/checkpoint-store";
import type { KernelClient } from "../../../kernel/client/client";
import type { SaveStatus } from "../../../notebook/storage/autosave";
import { recoverDrafts } from "../../../notebook/storage/drafts";
import { foreignLanguage } from "../../../notebook/storage/import";
import { newNotebookId, NotebookStore, type NotebookMeta } from "../../../notebook/storage/store";
import type { NotebookDoc } from "../../../notebook/types";
import { tutorials } from "../../../tutorials";
import { useLang, useT } from "../../i18n/lang";
import { displayTitle, emptyNotebook, uniqueTitle, type OpenNotebook } from "./catalog";
import { readFileNotebook } from "./read-file";
import { resolveNotebook, type Resolved } from "./open-notebook";
import { startSession, type Session } from "./session";
import { createStatusStore } from "./status-store";

const LAST_OPENED_KEY = "gradbook.lastNotebook";

function remember(id: string): void {
  try {
    localStorage.setItem(LAST_OPENED_KEY, id);
  } catch {
    // not remembered: the URL still names the notebook
  }
}

function recalled(): string | null {
  try {
    return localStorage.getItem(LAST_OPENED_KEY);
  } catch {
    return null;
  }
}

/** Puts `?notebook=<id>` in the address bar (keeping other parameters) so a reload reopens it. */
function showInUrl(id: string): void {
  // A task of its own: Chromium's replaceState took 30 ms on a busy machine, inside the commit that opens a notebook.
  setTimeout(() => {
    const url = new URL(location.href);
    if (url.searchParams.get("notebook") === id) return;
    url.searchParams.set("notebook", id);
    history.replaceState(history.state, "", url);
  }, 0);
}

export type Notice = { kind: "open-error" | "library-error"; text: string } | null;

export function useLibrary(client: KernelClient, search: string) {
  const { lang } = useLang();
  const t = useT();
  const [session, setSession] = useState<Session | null>(null);
  const [metas, setMetas] = useState<NotebookMeta[]>([]);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const saveStatus = useMemo(() => createStatusStore<SaveStatus>({ kind: "saved", savedAt: 0 }), []);
  const storeRef = useRef<NotebookStore | null>(null);
  const sessionRef = useRef<Session | null>(null);
  const metasRef = useRef(metas);
  metasRef.current = metas;
  const keyRef = useRef(0);
  const busyRef = useRef(false);
  const ctxRef = useRef({ lang, t });
  ctxRef.current = { lang, t };
  /** What resolving a notebook needs, read when it is needed (the store opens after the first render). */
  const resolveCtx = useCallback(() => ({ store: storeRef.current, tutorials, ...ctxRef.current }), []);

  const refreshMetas = useCallback(async () => {
    const store = storeRef.current;
    if (store) setMetas(await store.list().catch(() => metasRef.current));
  }, []);

  /** Shows a notebook (a new key remounts the view) and starts its autosave. */
  const show = useCallback(
    (resolved: Resolved, persistNow = false) => {
      keyRef.current += 1;
      const foreign = foreignLanguage(resolved.doc.metadata);
      const problem = [resolved.problem, foreign && ctxRef.current.t.foreignNotebook(foreign)].filter(Boolean).join(" ") || null;
      const notebook: OpenNotebook = { ...resolved, problem, key: keyRef.current };
      const next = startSession(
        notebook,
        {
          store: storeRef.current,
          onStatus: saveStatus.set,
          onCreated: () => void refreshMetas(),
          isListed: (id) => metasRef.current.some((m) => m.id === id),
        },
        persistNow,
      );
      if (!persistNow) saveStatus.set({ kind: "saved", savedAt: 0 });
      sessionRef.current = next;
      setSession(next);
      showInUrl(notebook.id);
      remember(notebook.id);
    },
    [refreshMetas, saveStatus],
  );

  // Startup: open the store, then the notebook the URL (or the last visit) names.
  useEffect(() => {
    let cancelled = false;
    let opened: NotebookStore | null = null;
    void (async () => {
      try {
        opened = await NotebookStore.open();
      } catch (e) {
        if (!cancelled) setUnavailable(ctxRef.current.t.storageUnavailable((e as Error)?.message ?? String(e)));
      }
      if (cancelled) return opened?.close();
      storeRef.current = opened;
      // Edits the last visit wrote as drafts when it closed (its IndexedDB write may not have finished).
      if (opened) await recoverDrafts(opened).catch(() => undefined);
      const list = opened ? await opened.list().catch(() => []) : [];
      const asked = new URLSearchParams(search).get("notebook");
      const last = recalled();
      const known = (id: string | null) => id !== null && (list.some((m) => m.id === id) || tutorials.some((x) => x.id === id));
      const wanted = asked ?? (known(last) ? last! : (tutorials[0]?.id ?? "untitled"));
      const resolved = await resolveNotebook(wanted, resolveCtx());
      if (cancelled) return;
      setMetas(list);
      show(resolved);
    })();
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, [search, show, resolveCtx]);

  // Whether a switch would stop a running cell.
  useEffect(() => client.on((e) => void (e.type === "state" && (busyRef.current = e.state === "busy"))), [client]);

  // A new notebook gets a fresh kernel, like a new Jupyter tab; the first notebook uses the one already starting.
  const firstKey = useRef<number | null>(null);
  const key = session?.notebook.key;
  useEffect(() => {
    if (key === undefined) return;
    if (firstKey.current === null) firstKey.current = key;
    else if (key !== firstKey.current) client.restart();
  }, [key, client]);

  // Leaving or hiding the page: write what is pending now, to IndexedDB (which may not finish once the page is
  // gone) and as a draft in localStorage (synchronous; the next start stores it). Ask before leaving while unsaved.
  useEffect(() => {
    const flush = () => {
      sessionRef.current?.saveDraft();
      void sessionRef.current?.saver?.flush();
    };
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!sessionRef.current?.saver?.unsaved) return;
      flush();
      e.preventDefault();
      e.returnValue = ""; // older browsers ask only when returnValue is set
    };
    addEventListener("pagehide", flush);
    addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      removeEventListener("pagehide", flush);
      removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [saveStatus]);

  /** Saves and closes the open notebook, then shows what `load` gives; false if the learner chose to stay. */
  const replaceWith = useCallback(
    async (load: () => Promise<Resolved> | Resolved, options: { persistNow?: boolean; discard?: boolean } = {}) => {
      if (busyRef.current && !options.discard && !window.confirm(ctxRef.current.t.confirmSwitchBusy)) return false;
      const old = sessionRef.current?.saver ?? null;
      if (old && !options.discard) {
        await old.flush();
        if (old.dirty && !window.confirm(ctxRef.current.t.confirmLoseUnsaved)) return false;
      }
      await old?.dispose();
      try {
        show(await load(), options.persistNow);
      } catch (e) {
        setNotice({ kind: "library-error", text: (e as Error).message });
        return false;
      }
      return true;
    },
    [show],
  );

  /** The newest version of a notebook: in memory for the open one, else stored, else the tutorial as shipped. */
  const latestDoc = useCallback(async (id: string): Promise<NotebookDoc> => {
    const open = sessionRef.current;
    if (open?.notebook.id === id) return open.saver?.current ?? open.notebook.doc;
    return (await resolveNotebook(id, resolveCtx())).doc;
  }, [resolveCtx]);

  const titles = () => metasRef.current.map((m) => m.title);

  const actions = useMemo(() => ({
    open: (id: string) => {
      if (sessionRef.current?.notebook.id === id) return;
      void replaceWith(() => resolveNotebook(id, resolveCtx()));
    },
    create: () => {
      const title = uniqueTitle(ctxRef.current.t.untitled, titles());
      void replaceWith(() => ({ id: newNotebookId(), tutorialId: null, title, doc: emptyNotebook(), problem: null }), { persistNow: true });
    },
    duplicate: async (id: string) => {
      const doc = await latestDoc(id);
      const open = sessionRef.current?.notebook;
      const source = (open?.id === id ? open : metasRef.current.find((m) => m.id === id)) ?? { tutorialId: id, title: id };
      const title = uniqueTitle(ctxRef.current.t.copyOf(displayTitle(source, tutorials, ctxRef.current.lang)), titles());
      await replaceWith(() => ({ id: newNotebookId(), tutorialId: null, title, doc, problem: null }), { persistNow: true });
    },
    rename: async (id: string, title: string) => {
      const clean = title.trim();
      if (!clean || !storeRef.current) return;
      await storeRef.current.rename(id, clean).catch((e: Error) => setNotice({ kind: "library-error", text: e.message }));
      const open = sessionRef.current;
      if (open?.notebook.id === id) {
        const renamed = { ...open, notebook: { ...open.notebook, title: clean } };
        sessionRef.current = renamed;
        setSession(renamed);
      }
      await refreshMetas();
    },
    /** Deletes a notebook of the learner's own, or a tutorial's stored copy (its reset). */
    remove: async (id: string) => {
      const open = sessionRef.current;
      const isOpen = open?.notebook.id === id;
      if (isOpen) await open.saver?.dispose(); // its pending changes must not bring it back
      await storeRef.current?.remove(id).catch((e: Error) => setNotice({ kind: "library-error", text: e.message }));
      await deleteNotebookCheckpoints(id).catch(() => undefined); // its training checkpoints go with it
      if (isOpen) {
        const reopen = tutorials.some((x) => x.id === id) ? id : (tutorials[0]?.id ?? "untitled");
        await replaceWith(() => resolveNotebook(reopen, resolveCtx()), { discard: true });
      }
      await refreshMetas();
    },
    openFile: async (file: File) => {
      const read = await readFileNotebook(file, ctxRef.current.t);
      if (!read.ok) return setNotice({ kind: "open-error", text: read.error });
      setNotice(null);
      const title = uniqueTitle(read.title, titles());
      await replaceWith(() => ({ id: newNotebookId(), tutorialId: null, title, doc: read.doc, problem: null }), { persistNow: true });
    },
    dismissNotice: () => setNotice(null),
  }), [replaceWith, latestDoc, refreshMetas, resolveCtx]);

  return { session, metas, unavailable, notice, saveStatus, actions };
}
