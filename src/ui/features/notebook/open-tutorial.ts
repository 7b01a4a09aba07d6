// Picks the notebook to open from `?notebook=<id>` (default: the first tutorial) and parses it.
import { openNotebook } from "../../../notebook/ipynb-convert";
import { makeCell, makeNotebook } from "../../../notebook/cells";
import type { NotebookDoc } from "../../../notebook/types";
import { tutorials } from "../../../tutorials";

export interface OpenedNotebook {
  doc: NotebookDoc;
  title: string;
  fileName: string;
  /** Shown above the notebook when the URL or the file was not usable. */
  problem: string | null;
}

export function openFromSearch(search: string): OpenedNotebook {
  const wanted = new URLSearchParams(search).get("notebook");
  const found = wanted === null ? tutorials[0] : tutorials.find((t) => t.id === wanted);
  const tutorial = found ?? tutorials[0];
  const problem =
    found || !tutorial
      ? null
      : `There is no tutorial "${wanted}"; opened "${tutorial.id}" instead. Tutorials: ${tutorials.map((t) => t.id).join(", ")}.`;
  if (!tutorial) {
    return { doc: makeNotebook([makeCell("code")]), title: "Untitled", fileName: "untitled.ipynb", problem: "No tutorials are registered." };
  }
  try {
    return { doc: openNotebook(tutorial.source, tutorial.fileName), title: tutorial.title, fileName: tutorial.fileName, problem };
  } catch (e) {
    return {
      doc: makeNotebook([makeCell("code")]),
      title: tutorial.title,
      fileName: tutorial.fileName,
      problem: `Could not open ${tutorial.fileName}: ${(e as Error).message}`,
    };
  }
}
