// A small line diff (longest common subsequence) for "what changed since the last run" in run history.

export interface DiffLine {
  op: " " | "+" | "-";
  text: string;
}

/** Cells past this many lines are compared as a whole (the LCS table grows as the product of both lengths). */
const MAX_LINES = 600;

/** Line diff of `before` → `after`, in order: unchanged lines " ", removed "-", added "+". */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    if (before === after) return a.map((text) => ({ op: " ", text }));
    return [...a.map((text) => ({ op: "-" as const, text })), ...b.map((text) => ({ op: "+" as const, text }))];
  }
  const m = a.length;
  const n = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const lcs = new Uint16Array((m + 1) * (n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      lcs[i * (n + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (n + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (n + 1) + j], lcs[i * (n + 1) + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) {
      out.push({ op: " ", text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * (n + 1) + j] >= lcs[i * (n + 1) + j + 1]) out.push({ op: "-", text: a[i++] });
    else out.push({ op: "+", text: b[j++] });
  }
  while (i < m) out.push({ op: "-", text: a[i++] });
  while (j < n) out.push({ op: "+", text: b[j++] });
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
