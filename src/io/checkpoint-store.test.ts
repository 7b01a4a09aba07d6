// Tests for checkpoint-store.ts on fake-indexeddb: one checkpoint per cell, listed per notebook, deleted with it.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { CheckpointStore } from "./checkpoint-store";

let n = 0;
const opened: CheckpointStore[] = [];
async function fresh(): Promise<CheckpointStore> {
  const store = await CheckpointStore.open(`ckpt-store-test-${++n}`);
  opened.push(store);
  return store;
}
afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe("CheckpointStore", () => {
  it("keeps only the latest checkpoint per cell and lists a notebook's cells", async () => {
    const store = await fresh();
    await store.save({ notebookId: "nb-a", cellId: "c1", epoch: 0, epochs: 5 }, new Uint8Array([1]));
    await store.save({ notebookId: "nb-a", cellId: "c1", epoch: 1, epochs: 5 }, new Uint8Array([2, 2]));
    await store.save({ notebookId: "nb-a", cellId: "c2", epoch: 3, epochs: 4 }, new Uint8Array([3]));
    await store.save({ notebookId: "nb-b", cellId: "c1", epoch: 0, epochs: 2 }, new Uint8Array([4]));

    const listed = await store.list("nb-a");
    expect(listed.map((i) => [i.cellId, i.epoch, i.epochs, i.size])).toEqual([["c1", 1, 5, 2], ["c2", 3, 4, 1]]);
    const loaded = await store.load({ notebookId: "nb-a", cellId: "c1" });
    expect(Array.from(loaded!.bytes)).toEqual([2, 2]);
    expect(await store.load({ notebookId: "nb-a", cellId: "nope" })).toBeUndefined();
  });

  it("removes one cell's checkpoint, or a whole notebook's without touching the others", async () => {
    const store = await fresh();
    for (const [notebookId, cellId] of [["nb-a", "c1"], ["nb-a", "c2"], ["nb-ab", "c1"], ["nb-b", "c1"]]) {
      await store.save({ notebookId, cellId, epoch: 0, epochs: 2 }, new Uint8Array([1]));
    }
    await store.remove({ notebookId: "nb-a", cellId: "c2" });
    expect((await store.list("nb-a")).map((i) => i.cellId)).toEqual(["c1"]);
    await store.removeNotebook("nb-a");
    expect(await store.list("nb-a")).toEqual([]);
    expect(await store.load({ notebookId: "nb-a", cellId: "c1" })).toBeUndefined();
    expect(await store.list("nb-ab")).toHaveLength(1);
    expect(await store.list("nb-b")).toHaveLength(1);
  });
});
