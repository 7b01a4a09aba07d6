// The IndexedDB schema behind the notebook library: one small record per notebook for the list, its .ipynb text apart.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/** What the notebook list shows; cheap to read all at once. */
export interface NotebookMeta {
  /** A tutorial's id for the stored copy of that tutorial; `nb-…` for the learner's own notebooks. */
  id: string;
  title: string;
  /** The tutorial this record is the edited copy of, or null for the learner's own notebooks. */
  tutorialId: string | null;
  createdAt: number;
  updatedAt: number;
  /** Size of the stored .ipynb text, in UTF-16 code units (what the browser roughly charges). */
  size: number;
  /** Bumped by every content save (absent on records saved before it existed: 0); tabs use it to detect each other. */
  revision?: number;
}

/** The notebook itself: nbformat 4.5 JSON text (compact), outputs included. */
export interface NotebookContent {
  id: string;
  ipynb: string;
}

export interface LibrarySchema extends DBSchema {
  meta: { key: string; value: NotebookMeta };
  content: { key: string; value: NotebookContent };
}

export type LibraryDb = IDBPDatabase<LibrarySchema>;

export const DB_NAME = "gradbook";
const VERSION = 1;

/**
 * Opens (creating on first use) the library database. Rejects if another tab holds an older version open
 * for longer than `blockedMs`, rather than hanging the app.
 */
export function openLibraryDb(name = DB_NAME, blockedMs = 3000): Promise<LibraryDb> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`IndexedDB did not open within ${blockedMs} ms (another Gradbook tab may be upgrading it)`)),
      blockedMs,
    );
    openDB<LibrarySchema>(name, VERSION, {
      upgrade(db) {
        if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "id" });
        if (!db.objectStoreNames.contains("content")) db.createObjectStore("content", { keyPath: "id" });
      },
      // A newer tab wants to upgrade: let it, this tab reopens on reload.
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
      },
    }).then(
      (db) => {
        clearTimeout(timer);
        resolve(db);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
