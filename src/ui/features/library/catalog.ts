// Pure helpers for the notebook list: tutorial titles, file names, fresh titles, a new notebook's metadata.
import { makeCell, makeNotebook } from "../../../notebook/cells";
import type { NotebookDoc } from "../../../notebook/types";
import type { Tutorial } from "../../../tutorials";
import type { UiLang } from "../../i18n/lang";

/** The notebook on screen. `key` changes whenever another notebook (or a reset copy) replaces it. */
export interface OpenNotebook {
  key: number;
  /** Storage id: the tutorial's id for a tutorial (stored or not), `nb-…` for the learner's own. */
  id: string;
  tutorialId: string | null;
  /** The learner's title; tutorials take theirs from the registry, in the UI language. */
  title: string;
  doc: NotebookDoc;
  /** Shown above the notebook once (why something else than asked was opened). */
  problem: string | null;
}

/** Metadata of a notebook made here: Jupyter and the headless runner see TypeScript for Gradbook's kernel. */
export const GRADBOOK_METADATA = {
  kernelspec: { display_name: "Gradbook (TypeScript)", language: "typescript", name: "gradbook" },
  language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
};

export function emptyNotebook(): NotebookDoc {
  return makeNotebook([makeCell("code")], structuredClone(GRADBOOK_METADATA));
}

export function tutorialTitle(tutorial: Tutorial, lang: UiLang): string {
  return tutorial.titles?.[lang] ?? tutorial.title;
}

/** The title shown for a notebook: the tutorial's in the UI language, else the learner's. */
export function displayTitle(nb: { tutorialId: string | null; title: string }, tutorials: readonly Tutorial[], lang: UiLang): string {
  const tutorial = nb.tutorialId === null ? undefined : tutorials.find((t) => t.id === nb.tutorialId);
  return tutorial ? tutorialTitle(tutorial, lang) : nb.title;
}

/** A download name: a tutorial keeps its file name; a title loses the characters file systems refuse. */
export function fileNameFor(nb: { tutorialId: string | null; title: string }, tutorials: readonly Tutorial[]): string {
  const tutorial = nb.tutorialId === null ? undefined : tutorials.find((t) => t.id === nb.tutorialId);
  if (tutorial) return tutorial.fileName;
  const base = nb.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").trim().slice(0, 120) || "notebook";
  return /\.ipynb$/i.test(base) ? base : `${base}.ipynb`;
}

/** `base`, or `base 2`, `base 3`… whichever is not taken yet. */
export function uniqueTitle(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base} ${i}`)) return `${base} ${i}`;
}
