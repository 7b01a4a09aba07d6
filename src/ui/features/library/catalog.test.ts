// Tests for catalog.ts and open-notebook.ts: titles, file names, and what opens for an id (stored, tutorial, unknown).
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { makeCell, makeNotebook } from "../../../notebook/cells";
import { saveNotebook } from "../../../notebook/ipynb-convert";
import { NotebookStore } from "../../../notebook/storage/store";
import type { Tutorial } from "../../../tutorials";
import { en } from "../../i18n/en";
import { displayTitle, fileNameFor, uniqueTitle } from "./catalog";
import { resolveNotebook } from "./open-notebook";

const tutorial: Tutorial = {
  id: "intro",
  title: "Intro · 소개",
  titles: { en: "Intro", ko: "소개" },
  fileName: "intro.ipynb",
  source: saveNotebook(makeNotebook([makeCell("code", "print('shipped')", { id: "c1" })])),
};
const tutorials = [tutorial];

describe("catalog", () => {
  it("titles tutorials in the UI language and keeps the learner's own titles", () => {
    expect(displayTitle({ tutorialId: "intro", title: "whatever" }, tutorials, "ko")).toBe("소개");
    expect(displayTitle({ tutorialId: null, title: "Mine" }, tutorials, "ko")).toBe("Mine");
  });

  it("makes safe download names", () => {
    expect(fileNameFor({ tutorialId: "intro", title: "x" }, tutorials)).toBe("intro.ipynb");
    expect(fileNameFor({ tutorialId: null, title: 'a/b: "c"?' }, tutorials)).toBe("a_b_ _c_.ipynb");
    expect(fileNameFor({ tutorialId: null, title: "  " }, tutorials)).toBe("notebook.ipynb");
    expect(fileNameFor({ tutorialId: null, title: "done.ipynb" }, tutorials)).toBe("done.ipynb");
  });

  it("numbers titles that are taken", () => {
    expect(uniqueTitle("Untitled", [])).toBe("Untitled");
    expect(uniqueTitle("Untitled", ["Untitled", "Untitled 2"])).toBe("Untitled 3");
  });
});

describe("resolveNotebook", () => {
  const stores: NotebookStore[] = [];
  afterEach(() => stores.splice(0).forEach((s) => s.close()));
  const ctx = async () => {
    const store = await NotebookStore.open(`resolve-${Math.random()}`);
    stores.push(store);
    return { store, tutorials, lang: "en" as const, t: en };
  };

  it("opens the tutorial as shipped until a copy is stored, then the copy", async () => {
    const c = await ctx();
    const pristine = await resolveNotebook("intro", c);
    expect(pristine).toMatchObject({ id: "intro", tutorialId: "intro", problem: null });
    expect(pristine.doc.cells[0].source).toBe("print('shipped')");

    await c.store.save({ id: "intro", title: "Intro", tutorialId: "intro" }, makeNotebook([makeCell("code", "print('edited')")]));
    expect((await resolveNotebook("intro", c)).doc.cells[0].source).toBe("print('edited')");
  });

  it("opens the learner's notebooks by id, and the first tutorial with a note for an unknown id", async () => {
    const c = await ctx();
    const meta = await c.store.create("Mine", makeNotebook([makeCell("code", "1")]));
    expect(await resolveNotebook(meta.id, c)).toMatchObject({ id: meta.id, tutorialId: null, title: "Mine" });
    const missing = await resolveNotebook("nope", c);
    expect(missing.id).toBe("intro");
    expect(missing.problem).toBe('There is no notebook "nope"; opened "Intro" instead.');
  });

  it("works without storage", async () => {
    const opened = await resolveNotebook("intro", { store: null, tutorials, lang: "en", t: en });
    expect(opened.doc.cells[0].source).toBe("print('shipped')");
  });
});
