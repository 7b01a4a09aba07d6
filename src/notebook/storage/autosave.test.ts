// Tests for autosave.ts: debounce, the max wait under a stream of changes, flush, and a quota failure kept and retried.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeCell, makeNotebook } from "../cells";
import type { NotebookDoc } from "../types";
import { Autosaver, textEdited, type SaveStatus } from "./autosave";
import { StorageQuotaError } from "./store";

const doc = (source: string): NotebookDoc => makeNotebook([makeCell("code", source)]);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(write: (d: NotebookDoc) => Promise<void>, initial: NotebookDoc | null = null) {
  const statuses: SaveStatus["kind"][] = [];
  // These tests time the debounce itself: edits wait as long as outputs here (the fast edit path is tested below).
  const saver = new Autosaver(write, (s) => statuses.push(s.kind), initial, { delayMs: 500, editDelayMs: 500, maxWaitMs: 2000, retryMs: 5000 });
  return { saver, statuses };
}

describe("Autosaver", () => {
  it("writes once, 500 ms after the last of a burst of changes", async () => {
    const written: string[] = [];
    const { saver, statuses } = setup(async (d) => void written.push(d.cells[0].source));
    saver.schedule(doc("a"));
    await vi.advanceTimersByTimeAsync(300);
    saver.schedule(doc("ab"));
    await vi.advanceTimersByTimeAsync(300);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(written).toEqual(["ab"]);
    expect(statuses).toEqual(["pending", "saved"]);
    expect(saver.dirty).toBe(false);
  });

  it("does not save the document it started from", async () => {
    const initial = doc("x");
    const write = vi.fn(async () => {});
    const { saver } = setup(write, initial);
    saver.schedule(initial);
    await vi.advanceTimersByTimeAsync(1000);
    expect(write).not.toHaveBeenCalled();
  });

  it("saves at least every maxWait while changes keep coming (a training loop's outputs)", async () => {
    const written: string[] = [];
    const { saver } = setup(async (d) => void written.push(d.cells[0].source));
    for (let i = 0; i < 25; i++) {
      saver.schedule(doc(`step ${i}`));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written[0]).toMatch(/^step (19|20)$/);
    expect(written.length).toBeLessThanOrEqual(2);
  });

  it("reports each confirmed write's time, also while more changes wait", async () => {
    const seen: SaveStatus[] = [];
    const saver = new Autosaver(async () => {}, (s) => seen.push(s), null, { delayMs: 500, maxWaitMs: 2000 });
    saver.schedule(doc("a"));
    await vi.advanceTimersByTimeAsync(600);
    expect(seen.map((s) => s.kind)).toEqual(["pending", "saved"]);
    expect(seen[1].savedAt).toBeGreaterThan(0);
  });

  it("flush writes the newest document at once", async () => {
    const written: string[] = [];
    const { saver } = setup(async (d) => void written.push(d.cells[0].source));
    saver.schedule(doc("now"));
    await saver.flush();
    expect(written).toEqual(["now"]);
  });

  it("keeps the newest document after a quota error, warns, and retries until a write succeeds", async () => {
    let full = true;
    const written: string[] = [];
    const { saver, statuses } = setup(async (d) => {
      if (full) throw new StorageQuotaError("the browser's storage for this site is full");
      written.push(d.cells[0].source);
    });
    saver.schedule(doc("v1"));
    await vi.advanceTimersByTimeAsync(600);
    expect(statuses).toEqual(["pending", "quota"]);
    expect(saver.dirty).toBe(true);
    saver.schedule(doc("v2"));
    await vi.advanceTimersByTimeAsync(600);
    expect(statuses).toEqual(["pending", "quota", "quota"]);
    expect(saver.current?.cells[0].source).toBe("v2");
    full = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(written).toEqual(["v2"]);
    expect(statuses.at(-1)).toBe("saved");
  });

  it("reports other write errors as errors, and stops after dispose", async () => {
    const { saver, statuses } = setup(async () => {
      throw new Error("disk on fire");
    });
    saver.schedule(doc("a"));
    await vi.advanceTimersByTimeAsync(600);
    expect(statuses).toEqual(["pending", "error"]);
    await saver.dispose();
    saver.schedule(doc("b"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(statuses).toEqual(["pending", "error"]);
  });
});

describe("Autosaver: typing is saved fast", () => {
  it("writes an edit of a cell's source 50 ms after the last key, while outputs wait the longer delay", async () => {
    const written: string[] = [];
    const saver = new Autosaver(async (d) => void written.push(d.cells[0].source), () => {}, null, { delayMs: 500, maxWaitMs: 2000, retryMs: 5000 });
    const first = doc("a");
    saver.schedule(first);
    await vi.advanceTimersByTimeAsync(60);
    expect(written).toEqual(["a"]);
    // Same text, new outputs: the long delay.
    saver.schedule({ ...first, cells: [{ ...first.cells[0], outputs: [{ output_type: "stream", name: "stdout", text: "1" }] }] });
    await vi.advanceTimersByTimeAsync(100);
    expect(written).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(450);
    expect(written).toEqual(["a", "a"]);
  });

  it("textEdited tells text edits from output changes", () => {
    const a = doc("x");
    expect(textEdited(null, a)).toBe(true);
    expect(textEdited(a, a)).toBe(false);
    expect(textEdited(a, { ...a, cells: [{ ...a.cells[0], outputs: [] }] })).toBe(false);
    expect(textEdited(a, { ...a, cells: [{ ...a.cells[0], source: "xy" }] })).toBe(true);
    expect(textEdited(a, { ...a, cells: [...a.cells, makeCell("markdown", "")] })).toBe(true);
  });
});

describe("Autosaver: keystrokes noted before their document", () => {
  it("counts a noted edit as unsaved and puts it in `newest` until a scheduled document holds it", () => {
    const first = doc("a");
    const saver = new Autosaver(async () => {}, () => {}, first);
    expect(saver.unsaved).toBe(false);
    saver.noteEdit(first.cells[0].id, "ab");
    expect(saver.dirty).toBe(false);
    expect(saver.unsaved).toBe(true);
    expect(saver.newest!.cells[0].source).toBe("ab");
    saver.schedule({ ...first, cells: [{ ...first.cells[0], source: "ab" }] });
    expect(saver.newest!.cells[0].source).toBe("ab");
    expect(saver.newest).toBe(saver.current);
  });
});
