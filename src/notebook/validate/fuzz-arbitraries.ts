// fast-check generators of .ipynb-shaped JSON for the loader and renderer fuzz tests: mostly well-formed notebooks
// whose Gradbook payloads, run history, outputs and Markdown are random, plus some that are not notebooks at all.
import fc from "fast-check";
import { CHART_MIME, DRAWPAD_MIME, PROGRESS_MIME } from "../types";

const MIMES = [CHART_MIME, PROGRESS_MIME, DRAWPAD_MIME, "application/json", "text/plain", "text/html", "text/markdown", "image/png", "application/x-unknown+json"];

/** Values a payload might hold: any JSON, or something shaped like a chart, plot, progress bar or draw pad. */
const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ points: fc.array(fc.record({ name: fc.oneof(fc.string(), fc.integer()), step: fc.jsonValue({ maxDepth: 1 }), value: fc.double(), axis: fc.constantFrom("step", "epoch", "x") }, { requiredKeys: [] }), { maxLength: 5 }) }, { requiredKeys: [] }),
  fc.record({ kind: fc.constantFrom("line", "scatter", 3), series: fc.array(fc.record({ name: fc.jsonValue({ maxDepth: 1 }), x: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }), y: fc.array(fc.double(), { maxLength: 4 }) }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record({ label: fc.jsonValue({ maxDepth: 1 }), loaded: fc.jsonValue({ maxDepth: 1 }), total: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
  fc.record({ widgetId: fc.jsonValue({ maxDepth: 1 }), classes: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }) }, { requiredKeys: [] }),
);

const multiline = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }));

/** Markdown with the constructs that nest or inject: quotes, lists, emphasis, HTML with app classes, links. */
const markdown = fc.oneof(
  multiline,
  fc.array(fc.constantFrom("> ", "- ", "  ", "*", "_", "[", "](x)", "`", "<div class=\"gb-notice\">", "</div>", "# ", "\n", "text", "<img src=x onerror=alert(1)>", "~~", "|a|b|\n|-|-|\n"), { maxLength: 300 }).map((parts) => parts.join("")),
);

const displayData = fc.record({
  output_type: fc.constantFrom("display_data", "execute_result"),
  data: fc.dictionary(fc.constantFrom(...MIMES), payload, { maxKeys: 3 }),
  metadata: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
  execution_count: fc.option(fc.nat(), { nil: null }),
});
const output = fc.oneof(
  { arbitrary: displayData, weight: 6 },
  { arbitrary: fc.record({ output_type: fc.constant("stream"), name: fc.constantFrom("stdout", "stderr"), text: multiline }), weight: 2 },
  { arbitrary: fc.record({ output_type: fc.constant("error"), ename: fc.string(), evalue: fc.string(), traceback: fc.array(fc.string(), { maxLength: 3 }) }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
);

const runs = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.record({ id: fc.jsonValue({ maxDepth: 1 }), n: fc.integer(), name: fc.jsonValue({ maxDepth: 1 }), ok: fc.boolean(), code: fc.string(), hparams: fc.jsonValue({ maxDepth: 2 }), curves: fc.jsonValue({ maxDepth: 3 }), ticked: fc.boolean() }, { requiredKeys: [] }), { maxLength: 3 }));

const cellMetadata = fc.oneof(fc.constant({}), fc.record({ gradbook_runs: runs }), fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }));

const cell = fc.oneof(
  fc.record({ cell_type: fc.constant("markdown"), id: fc.string({ maxLength: 8 }), metadata: cellMetadata, source: markdown }, { requiredKeys: ["cell_type", "source"] }),
  fc.record({ cell_type: fc.constant("raw"), metadata: cellMetadata, source: multiline }, { requiredKeys: ["cell_type", "source"] }),
  fc.record(
    { cell_type: fc.constant("code"), id: fc.string({ maxLength: 8 }), metadata: cellMetadata, source: multiline, outputs: fc.array(output, { maxLength: 4 }), execution_count: fc.option(fc.integer(), { nil: null }) },
    { requiredKeys: ["cell_type", "source", "outputs"] },
  ),
);
/** Mostly cells; now and then something that is not one. */
const cellOrJunk = fc.oneof({ arbitrary: cell, weight: 30 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });

/** A notebook-shaped object (sometimes with wrong fields), or now and then any JSON at all. */
export const ipynbLike = fc.oneof(
  { weight: 9, arbitrary: fc.record({ nbformat: fc.oneof({ arbitrary: fc.constant(4), weight: 20 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 }), nbformat_minor: fc.nat(5), metadata: fc.oneof({ arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }), weight: 20 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 }), cells: fc.array(cellOrJunk, { maxLength: 6 }) }, { requiredKeys: ["cells", "nbformat"] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
