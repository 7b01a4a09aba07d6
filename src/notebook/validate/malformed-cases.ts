// The malformed notebooks of issue 16 (each once blanked the page for good), as .ipynb JSON, for unit tests and e2e.
import { CHART_MIME, DRAWPAD_MIME, PROGRESS_MIME } from "../types";

export interface MalformedCase {
  name: string;
  /** A whole nbformat 4.5 notebook: a Markdown intro, the bad cell, then a healthy code cell with a printed line. */
  notebook: Record<string, unknown>;
  /** What a note (or the fallback box) names: the MIME type or the run history. */
  names: string;
}

export const INTRO = "Malformed notebook intro";
export const HEALTHY = "healthy cell still here";

function notebook(bad: Record<string, unknown>): Record<string, unknown> {
  const md = (id: string, source: string) => ({ id, cell_type: "markdown", metadata: {}, source });
  const code = (id: string, extra: Record<string, unknown>) => ({ id, cell_type: "code", metadata: {}, source: "print(1)", execution_count: 1, outputs: [], ...extra });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      md("intro", `# ${INTRO}`),
      bad.cell_type === "markdown" ? { id: "bad", metadata: {}, ...bad } : code("bad", bad),
      code("healthy", { outputs: [{ output_type: "stream", name: "stdout", text: HEALTHY }] }),
    ],
  };
}

const display = (data: Record<string, unknown>) => ({ outputs: [{ output_type: "display_data", data, metadata: {} }] });

/** `[[[…]]]` nested `depth` deep, as JSON text (JSON.parse builds it without recursion; JSON.stringify cannot). */
export const deepArrayJson = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** The cases as .ipynb text (the deep JSON case cannot go through JSON.stringify, so every case is text). */
export function malformedCases(): Array<Omit<MalformedCase, "notebook"> & { text: string }> {
  const cases: MalformedCase[] = [
    { name: "chart+json null", names: CHART_MIME, notebook: notebook(display({ [CHART_MIME]: null })) },
    { name: "progress+json null", names: PROGRESS_MIME, notebook: notebook(display({ [PROGRESS_MIME]: null })) },
    { name: "plot series [{}]", names: CHART_MIME, notebook: notebook(display({ [CHART_MIME]: { kind: "line", series: [{}] } })) },
    { name: "drawpad classes [null]", names: DRAWPAD_MIME, notebook: notebook(display({ [DRAWPAD_MIME]: { widgetId: "w1", classes: [null] } })) },
    {
      name: "run history [{name: 5, ticked: true, curves: []}]",
      names: "run history",
      notebook: notebook({ metadata: { gradbook_runs: [{ name: 5, ticked: true, curves: [] }] } }),
    },
    { name: 'Markdown "> ".repeat(5000)', names: "", notebook: notebook({ cell_type: "markdown", source: "> ".repeat(5000) }) },
  ];
  const texts = cases.map(({ notebook: nb, ...rest }) => ({ ...rest, text: JSON.stringify(nb) }));
  const deep = JSON.stringify(notebook(display({ "application/json": "@DEEP@" })));
  texts.push({ name: "application/json nested 100,000 deep", names: "application/json", text: deep.replace('"@DEEP@"', deepArrayJson(100_000)) });
  return texts;
}
