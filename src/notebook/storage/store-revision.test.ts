// Tests for the per-notebook revision: every content save bumps it; a save expecting an old revision writes nothing.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "../cells";
import { RevisionConflictError, NotebookStore, serializeForStore } from "./store";

const opened: NotebookStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe("NotebookStore revisions (two tabs, one notebook)", () => {
  it("counts saves, refuses a stale writer, and lets a forced write (take over) through", async () => {
    const name = `gradbook-rev-${Date.now()}`;
    // Two connections to one database, as two tabs have.
    const tabA = await NotebookStore.open(name);
    const tabB = await NotebookStore.open(name);
    opened.push(tabA, tabB);
    const ref = { id: "nb-shared", title: "Shared", tutorialId: null };
    const text = (s: string) => serializeForStore(makeNotebook([makeCell("code", s, { id: "c1" })]));

    expect((await tabA.saveText(ref, text("a1"), 0)).revision).toBe(1);
    expect((await tabB.saveText(ref, text("b1"), 1)).revision).toBe(2);
    // Tab A still believes revision 1: its save is refused and B's text stays.
    await expect(tabA.saveText(ref, text("a2"), 1)).rejects.toBeInstanceOf(RevisionConflictError);
    expect(await tabA.text(ref.id)).toBe(text("b1"));
    await tabA.rename(ref.id, "Renamed"); // a rename is not a content save
    expect((await tabA.get(ref.id))?.revision).toBe(2);
    // Taking over: a write without an expected revision.
    expect((await tabA.saveText(ref, text("a2"))).revision).toBe(3);
    expect(await tabB.text(ref.id)).toBe(text("a2"));
  });
});
