// The notebook library in IndexedDB: list, load, save (create or update), rename, delete; quota errors made explicit.
import { newCellId } from "../../io/ipynb";
import { docToStoredIpynb, openNotebook } from "../ipynb-convert";
import type { NotebookDoc } from "../types";
import type { IDBPTransaction } from "idb";
import { openLibraryDb, type LibraryDb, type LibrarySchema, type NotebookMeta } from "./db";

export type { NotebookMeta };

type WriteTx = IDBPTransaction<LibrarySchema, ("meta" | "content")[], "readwrite">;

/** The stored notebook changed since this writer last saw it (another tab saved it); nothing was written. */
export class RevisionConflictError extends Error {
  override name = "RevisionConflictError";
}

/** The browser refused a write because its storage quota for this site is used up. */
export class StorageQuotaError extends Error {
  override name = "StorageQuotaError";
}

/** True for the browser's quota errors, including a transaction aborted by one. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === "QuotaExceededError" || name === "StorageQuotaError" || (e as { code?: unknown } | null)?.code === 22;
}

/** A fresh id for one of the learner's notebooks; never collides with a tutorial id. */
export function newNotebookId(): string {
  return `nb-${newCellId()}${newCellId()}`;
}

/**
 * The stored form of a notebook: compact nbformat 4.5 JSON (the download is the same JSON, pretty-printed, except
 * that a file opened as nbformat 4.0-4.4 downloads in its own version; the stored copy remembers which).
 */
export function serializeForStore(doc: NotebookDoc): string {
  return JSON.stringify(docToStoredIpynb(doc));
}

/** What `save` needs to know about a notebook that may not be stored yet. */
export interface NotebookRef {
  id: string;
  title: string;
  tutorialId: string | null;
}

export class NotebookStore {
  constructor(private readonly db: LibraryDb) {}

  static async open(name?: string): Promise<NotebookStore> {
    return new NotebookStore(await openLibraryDb(name));
  }

  /** Every stored notebook, most recently changed first. */
  async list(): Promise<NotebookMeta[]> {
    const all = await this.db.getAll("meta");
    return all.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  get(id: string): Promise<NotebookMeta | undefined> {
    return this.db.get("meta", id);
  }

  /** The stored notebook, or null if there is none; throws NotebookFormatError if the stored text is unreadable. */
  async load(id: string): Promise<{ meta: NotebookMeta; doc: NotebookDoc } | null> {
    const tx = this.db.transaction(["meta", "content"], "readonly");
    const [meta, content] = await Promise.all([tx.objectStore("meta").get(id), tx.objectStore("content").get(id), tx.done]);
    if (!meta || !content) return null;
    return { meta, doc: openNotebook(content.ipynb, `${meta.title}.ipynb`) };
  }

  /** The stored nbformat JSON text of a notebook, or null. */
  async text(id: string): Promise<string | null> {
    return (await this.db.get("content", id))?.ipynb ?? null;
  }

  /** Writes the notebook, creating its record on first save; a stored title is kept (rename changes it). */
  save(ref: NotebookRef, doc: NotebookDoc): Promise<NotebookMeta> {
    return this.saveText(ref, serializeForStore(doc));
  }

  /**
   * `save` for text already made by `serializeForStore` (the autosaver compares it with the last write first).
   * With `expectedRevision`, the write happens only if the stored revision is still that one (else
   * RevisionConflictError): a tab never overwrites what another tab saved in between.
   */
  async saveText(ref: NotebookRef, ipynb: string, expectedRevision?: number): Promise<NotebookMeta> {
    return this.write(async (tx) => {
      const metaStore = tx.objectStore("meta");
      const old = await metaStore.get(ref.id);
      const stored = old?.revision ?? 0;
      if (expectedRevision !== undefined && old && stored !== expectedRevision) {
        throw new RevisionConflictError(`"${old.title}" was saved by another tab (revision ${stored}, this tab had ${expectedRevision})`);
      }
      const now = Date.now();
      const meta: NotebookMeta = {
        id: ref.id,
        title: old?.title ?? ref.title,
        tutorialId: old?.tutorialId ?? ref.tutorialId,
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        size: ipynb.length,
        revision: stored + 1,
      };
      await Promise.all([metaStore.put(meta), tx.objectStore("content").put({ id: ref.id, ipynb })]);
      return meta;
    });
  }

  /** Stores a new notebook of the learner's own under a fresh id. */
  create(title: string, doc: NotebookDoc): Promise<NotebookMeta> {
    return this.save({ id: newNotebookId(), title, tutorialId: null }, doc);
  }

  async rename(id: string, title: string): Promise<void> {
    await this.write(async (tx) => {
      const store = tx.objectStore("meta");
      const meta = await store.get(id);
      if (meta) await store.put({ ...meta, title, updatedAt: Date.now() });
    });
  }

  /** Deletes a notebook (for a tutorial's copy: the tutorial opens pristine again). */
  async remove(id: string): Promise<void> {
    await this.write(async (tx) => {
      await Promise.all([tx.objectStore("meta").delete(id), tx.objectStore("content").delete(id)]);
    });
  }

  close(): void {
    this.db.close();
  }

  /** Runs a read-write transaction to its commit; a quota failure (which aborts the whole transaction) is rethrown as StorageQuotaError. */
  private async write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = this.db.transaction(["meta", "content"], "readwrite");
    try {
      const [result] = await Promise.all([body(tx), tx.done]);
      return result;
    } catch (e) {
      // The request that noticed the abort may reject first with a bare AbortError; the transaction knows why.
      const cause = tx.error ?? e;
      if (isQuotaError(cause) || isQuotaError(e)) {
        throw new StorageQuotaError(`the browser's storage for this site is full (${(cause as Error).message || "quota exceeded"})`);
      }
      throw cause;
    }
  }
}
