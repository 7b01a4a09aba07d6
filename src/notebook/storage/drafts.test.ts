// Tests for drafts.ts on fake-indexeddb: a draft written at page hide reaches the store on the next start, once.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "../cells";
import { clearDraft, recoverDrafts, writeDraft } from "./drafts";
import { NotebookStore, serializeForStore } from "./store";

class MemoryStorage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const stores: NotebookStore[] = [];
let n = 0;
async function fresh() {
  const store = await NotebookStore.open(`gradbook-drafts-${++n}-${Date.now()}`);
  stores.push(store);
  return store;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const ref = { id: "nb-1", title: "Mine", tutorialId: null };
const text = (source: string) => serializeForStore(makeNotebook([makeCell("code", source, { id: "c1" })]));

describe("drafts", () => {
  it("restores a draft the store does not have yet (a new notebook, or a write that never finished)", async () => {
    const store = await fresh();
    const storage = new MemoryStorage();
    writeDraft({ ...ref, text: text("typed"), revision: 0 }, storage);
    expect(await recoverDrafts(store, storage)).toEqual(["nb-1"]);
    expect(await store.text("nb-1")).toBe(text("typed"));
    expect(storage.length).toBe(0);
    // Once: the next start finds nothing to do.
    expect(await recoverDrafts(store, storage)).toEqual([]);
  });

  it("restores over the revision it was edited from, and forgets one the store already holds or another tab saved over", async () => {
    const store = await fresh();
    const storage = new MemoryStorage();
    const meta = await store.saveText(ref, text("old"));
    writeDraft({ ...ref, text: text("newer"), revision: meta.revision! }, storage);
    expect(await recoverDrafts(store, storage)).toEqual(["nb-1"]);
    expect(await store.text("nb-1")).toBe(text("newer"));

    writeDraft({ ...ref, text: text("newer"), revision: 1 }, storage);
    expect(await recoverDrafts(store, storage)).toEqual([]); // already stored

    await store.saveText(ref, text("other tab")); // revision 3
    writeDraft({ ...ref, text: text("stale"), revision: 2 }, storage);
    expect(await recoverDrafts(store, storage)).toEqual([]);
    expect(await store.text("nb-1")).toBe(text("other tab"));
  });

  it("ignores and removes unreadable drafts; clearDraft removes one only if it holds the text just saved", async () => {
    const store = await fresh();
    const storage = new MemoryStorage();
    storage.setItem("gradbook.draft.x", "{not json");
    storage.setItem("gradbook.other", "kept");
    writeDraft({ ...ref, text: text("a"), revision: null }, storage);
    clearDraft("nb-1", text("b"), storage); // holds newer text than that write: kept
    expect(storage.getItem("gradbook.draft.nb-1")).not.toBeNull();
    clearDraft("nb-1", text("a"), storage);
    expect(storage.getItem("gradbook.draft.nb-1")).toBeNull();
    expect(await recoverDrafts(store, storage)).toEqual([]);
    expect(storage.getItem("gradbook.draft.x")).toBeNull();
    expect(storage.getItem("gradbook.other")).toBe("kept");
  });
});
