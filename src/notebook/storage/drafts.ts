// The last unsaved version of a notebook, written synchronously to localStorage when the page hides or unloads (an
// IndexedDB write started then may never finish); the next start puts it in the store.
import type { NotebookRef, NotebookStore } from "./store";

const PREFIX = "gradbook.draft.";

export interface Draft extends NotebookRef {
  /** serializeForStore text. */
  text: string;
  /** The stored revision this draft was edited from (null: not known yet, the store was still being read). */
  revision: number | null;
}

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** Writes the draft now; false when the browser refused (storage off or full: the IndexedDB flush is all there is). */
export function writeDraft(draft: Draft, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(PREFIX + draft.id, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the draft of `id` (only if it holds `text`, when given: a newer draft is kept). */
export function clearDraft(id: string, text?: string, storage: Storage = localStorage): void {
  try {
    if (text !== undefined) {
      const raw = storage.getItem(PREFIX + id);
      if (raw === null || (JSON.parse(raw) as Draft).text !== text) return;
    }
    storage.removeItem(PREFIX + id);
  } catch {
    // storage off: there is no draft either
  }
}

function readDrafts(storage: Storage): Draft[] {
  const drafts: Draft[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const d = JSON.parse(storage.getItem(key) ?? "") as Draft;
        if (typeof d?.id === "string" && typeof d.text === "string" && PREFIX + d.id === key) drafts.push(d);
        else storage.removeItem(key);
      } catch {
        // not JSON: not ours to keep
        storage.removeItem(key);
      }
    }
  } catch {
    return drafts;
  }
  return drafts;
}

/**
 * Stores every draft that is newer than what the store holds, and forgets the rest: one the store already has
 * (the pagehide write did finish), or one another tab saved over since. Returns the ids it restored.
 */
export async function recoverDrafts(store: NotebookStore, storage: Storage = localStorage): Promise<string[]> {
  const restored: string[] = [];
  for (const draft of readDrafts(storage)) {
    try {
      const [meta, text] = await Promise.all([store.get(draft.id), store.text(draft.id)]);
      const stale = text === draft.text || (meta !== undefined && draft.revision !== null && (meta.revision ?? 0) > draft.revision);
      if (!stale) {
        await store.saveText({ id: draft.id, title: draft.title, tutorialId: draft.tutorialId }, draft.text);
        restored.push(draft.id);
      }
      clearDraft(draft.id, undefined, storage);
    } catch {
      // kept for the next start
    }
  }
  return restored;
}
