// Line diff for "what changed since the last run" in run history, on jsdiff's Myers diff (`diff` package).

import { diffLines } from "diff";

export interface DiffLine {
  op: " " | "+" | "-";
  text: string;
}

/** Line diff of `before` → `after`, in order: unchanged lines " ", removed "-", added "+". */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  // Compare text with a trailing newline so the last line diffs like any other.
  for (const change of diffLines(`${before}\n`, `${after}\n`)) {
    const op = change.added ? "+" : change.removed ? "-" : " ";
    const lines = change.value.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    for (const text of lines) out.push({ op, text });
  }
  return out;
}

/** Only the changed lines and `context` unchanged lines around each change; a gap becomes one "…" line. */
export function compactDiff(diff: readonly DiffLine[], context = 1): DiffLine[] {
  const keep = diff.map(() => false);
  diff.forEach((d, i) => {
    if (d.op === " ") return;
    for (let k = Math.max(0, i - context); k <= Math.min(diff.length - 1, i + context); k++) keep[k] = true;
  });
  const out: DiffLine[] = [];
  let skipped = false;
  diff.forEach((d, i) => {
    if (keep[i]) {
      if (skipped && out.length > 0) out.push({ op: " ", text: "…" });
      skipped = false;
      out.push(d);
    } else skipped = true;
  });
  return out;
}
