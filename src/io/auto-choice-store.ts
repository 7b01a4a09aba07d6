// auto's measured backend choice in IndexedDB (its own database, "gradbook-auto-backend"), keyed by adapter and browser.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { AutoChoice, AutoChoiceCache } from "../core/auto-pick";

interface ChoiceSchema extends DBSchema {
  choices: { key: string; value: AutoChoice };
}

export const AUTO_CHOICE_DB = "gradbook-auto-backend";

/**
 * The cache core/backend.ts's `auto` reads and writes; null where this realm has no IndexedDB (auto then measures at
 * each start). A database that cannot open (private mode, blocked by another tab) reads as empty and drops writes:
 * the choice is an optimisation, never a reason for the kernel not to start.
 */
export function autoChoiceStore(name = AUTO_CHOICE_DB): AutoChoiceCache | null {
  if (typeof indexedDB === "undefined") return null;
  let db: Promise<IDBPDatabase<ChoiceSchema>> | null = null;
  const open = () => (db ??= openDB<ChoiceSchema>(name, 1, { upgrade: (d) => void d.createObjectStore("choices") }));
  return {
    async get(key) {
      try {
        return await (await open()).get("choices", key);
      } catch {
        return undefined;
      }
    },
    async set(key, choice) {
      try {
        await (await open()).put("choices", choice, key);
      } catch {
        // see above: a lost write only means measuring again next time
      }
    },
  };
}
