// Decides what opens for an id: the stored notebook, else the pristine tutorial, else the default with a note why.
import { openNotebook } from "../../../notebook/ipynb-convert";
import type { NotebookStore } from "../../../notebook/storage/store";
import type { Tutorial } from "../../../tutorials";
import type { Strings } from "../../i18n/en";
import type { UiLang } from "../../i18n/lang";
import { emptyNotebook, tutorialTitle, type OpenNotebook } from "./catalog";

export type Resolved = Omit<OpenNotebook, "key">;

export interface ResolveContext {
  /** Null when browser storage is unavailable: only tutorials open. */
  store: NotebookStore | null;
  tutorials: readonly Tutorial[];
  lang: UiLang;
  t: Strings;
}

function pristine(tutorial: Tutorial, problem: string | null): Resolved {
  try {
    return { id: tutorial.id, tutorialId: tutorial.id, title: tutorial.title, doc: openNotebook(tutorial.source, tutorial.fileName), problem };
  } catch (e) {
    const detail = `${tutorial.fileName}: ${(e as Error).message}`;
    return { id: tutorial.id, tutorialId: tutorial.id, title: tutorial.title, doc: emptyNotebook(), problem: detail };
  }
}

/** The stored notebook `id`; for a tutorial without a readable stored copy, the tutorial as shipped. */
export async function resolveNotebook(id: string, ctx: ResolveContext): Promise<Resolved> {
  const { store, tutorials, lang, t } = ctx;
  const tutorial = tutorials.find((x) => x.id === id);
  let unreadable: string | null = null;
  if (store) {
    try {
      const found = await store.load(id);
      if (found) return { id, tutorialId: found.meta.tutorialId, title: found.meta.title, doc: found.doc, problem: null };
    } catch (e) {
      const meta = await store.get(id).catch(() => undefined);
      unreadable = t.storedCopyUnreadable(meta?.title ?? (tutorial ? tutorialTitle(tutorial, lang) : id), (e as Error).message);
    }
  }
  if (tutorial) return pristine(tutorial, unreadable);
  const fallback = tutorials[0];
  if (!fallback) return { id: "untitled", tutorialId: null, title: t.untitled, doc: emptyNotebook(), problem: unreadable };
  const opened = await resolveNotebook(fallback.id, ctx);
  const note = unreadable ?? t.noSuchNotebook(id, tutorialTitle(fallback, lang));
  return { ...opened, problem: [note, opened.problem].filter(Boolean).join(" ") };
}
