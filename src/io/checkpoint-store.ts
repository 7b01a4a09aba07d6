// Training checkpoints in IndexedDB (its own database, "gradbook-checkpoints"): the latest one per notebook cell.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/** Which cell a checkpoint belongs to. */
export interface CheckpointKey {
  notebookId: string;
  cellId: string;
}

/** The small record the page lists to offer "Resume from epoch k/N" (no bytes in it). */
export interface CheckpointInfo extends CheckpointKey {
  /** The last completed epoch, 0-based: training resumes at `epoch + 1`. */
  epoch: number;
  /** How many epochs the loop was asked for. */
  epochs: number;
  savedAt: number;
  /** Bytes of the checkpoint, for the storage estimate. */
  size: number;
}

/** The checkpoint itself: io/checkpoint bytes (weights, optimizer state, epoch, RNG, extra). */
export interface CheckpointData extends CheckpointKey {
  bytes: Uint8Array;
}

interface CheckpointSchema extends DBSchema {
  info: { key: [string, string]; value: CheckpointInfo; indexes: { notebook: string } };
  data: { key: [string, string]; value: CheckpointData; indexes: { notebook: string } };
}

export const CHECKPOINT_DB = "gradbook-checkpoints";
const VERSION = 1;

/** True where this realm has IndexedDB (browsers, workers, fake-indexeddb in tests); Node alone has none. */
export function checkpointsAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}

/** Opens the checkpoint database (tests pass their own name). Rejects rather than hangs when another tab blocks it. */
export class CheckpointStore {
  private constructor(private readonly db: IDBPDatabase<CheckpointSchema>) {}

  static async open(name = CHECKPOINT_DB, blockedMs = 3000): Promise<CheckpointStore> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const blocked = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the checkpoint database did not open within ${blockedMs} ms (another tab may hold it)`)), blockedMs);
    });
    const opening = openDB<CheckpointSchema>(name, VERSION, {
      upgrade(db) {
        for (const store of ["info", "data"] as const) {
          if (!db.objectStoreNames.contains(store)) {
            db.createObjectStore(store, { keyPath: ["notebookId", "cellId"] }).createIndex("notebook", "notebookId");
          }
        }
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
      },
    });
    try {
      return new CheckpointStore(await Promise.race([opening, blocked]));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Replaces the cell's checkpoint (only the latest is kept); resolves once the write is committed. */
  async save(info: Omit<CheckpointInfo, "size" | "savedAt">, bytes: Uint8Array): Promise<void> {
    const tx = this.db.transaction(["info", "data"], "readwrite");
    const key = { notebookId: info.notebookId, cellId: info.cellId };
    await Promise.all([
      tx.objectStore("info").put({ ...info, savedAt: Date.now(), size: bytes.byteLength }),
      tx.objectStore("data").put({ ...key, bytes }),
      tx.done,
    ]);
  }

  async info(key: CheckpointKey): Promise<CheckpointInfo | undefined> {
    return this.db.get("info", [key.notebookId, key.cellId]);
  }

  /** The checkpoint's bytes with its info, or undefined when the cell has none. */
  async load(key: CheckpointKey): Promise<{ info: CheckpointInfo; bytes: Uint8Array } | undefined> {
    const tx = this.db.transaction(["info", "data"], "readonly");
    const k: [string, string] = [key.notebookId, key.cellId];
    const [info, data] = await Promise.all([tx.objectStore("info").get(k), tx.objectStore("data").get(k), tx.done]);
    return info && data ? { info, bytes: data.bytes } : undefined;
  }

  /** Every checkpoint of a notebook (infos only). */
  list(notebookId: string): Promise<CheckpointInfo[]> {
    return this.db.getAllFromIndex("info", "notebook", notebookId);
  }

  async remove(key: CheckpointKey): Promise<void> {
    const tx = this.db.transaction(["info", "data"], "readwrite");
    const k: [string, string] = [key.notebookId, key.cellId];
    await Promise.all([tx.objectStore("info").delete(k), tx.objectStore("data").delete(k), tx.done]);
  }

  /** Deletes every checkpoint of a notebook (the notebook was deleted). */
  async removeNotebook(notebookId: string): Promise<void> {
    const tx = this.db.transaction(["info", "data"], "readwrite");
    const range = IDBKeyRange.bound([notebookId, ""], [notebookId, "\uffff"]);
    await Promise.all([tx.objectStore("info").delete(range), tx.objectStore("data").delete(range), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}

let shared: Promise<CheckpointStore> | null = null;

/** One store per realm, opened on first use; a failed open is retried next time. */
export function checkpointStore(): Promise<CheckpointStore> {
  shared ??= CheckpointStore.open().catch((e: unknown) => {
    shared = null;
    throw e;
  });
  return shared;
}

/** Deletes a notebook's checkpoints; quietly nothing where IndexedDB is missing. */
export async function deleteNotebookCheckpoints(notebookId: string): Promise<void> {
  if (!checkpointsAvailable()) return;
  await (await checkpointStore()).removeNotebook(notebookId);
}

/** The notebook's resumable cells, by cell id; empty where IndexedDB is missing or unreadable. */
export async function listCheckpoints(notebookId: string): Promise<Map<string, CheckpointInfo>> {
  if (!checkpointsAvailable()) return new Map();
  try {
    const infos = await (await checkpointStore()).list(notebookId);
    return new Map(infos.map((i) => [i.cellId, i]));
  } catch {
    return new Map();
  }
}
