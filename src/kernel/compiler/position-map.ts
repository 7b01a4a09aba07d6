// Maps a position in compiled cell code back to the cell's TypeScript: undoes our splices, then sucrase's column shifts.

/** One text splice on the type-stripped JS: replace `[start, end)` with `text` (same number of newlines). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies sorted, non-overlapping edits. */
export function applyEdits(src: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += src.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + src.slice(at);
}

/** Pads `text` with the newlines of `src[start, end)` so the splice never changes the line count. */
export function keepLines(src: string, start: number, end: number, text: string): Edit {
  const lost = countNewlines(src.slice(start, end)) - countNewlines(text);
  return { start, end, text: lost > 0 ? text + "\n".repeat(lost) : text };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function lineStarts(s: string): number[] {
  const starts = [0];
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a source map's `mappings` into, per generated line, [generatedColumn, sourceColumn] pairs. */
export function decodeColumnMappings(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let srcCol = 0;
  for (const lineText of mappings.split(";")) {
    const segs: Array<[number, number]> = [];
    let genCol = 0;
    for (const seg of lineText.split(",")) {
      if (seg === "") continue;
      const fields = decodeVlq(seg);
      genCol += fields[0];
      if (fields.length >= 4) {
        srcCol += fields[3];
        segs.push([genCol, srcCol]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

function decodeVlq(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * Generated (compiled body) position → cell position. Lines are identical in all three texts
 * (sucrase keeps lines, our splices keep lines); only columns move.
 */
export class PositionMap {
  private readonly genStarts: number[];
  private readonly jsStarts: number[];
  private readonly columns: Array<Array<[number, number]>>;

  constructor(
    generated: string,
    js: string,
    private readonly edits: readonly Edit[],
    sucraseMappings: string,
  ) {
    this.genStarts = lineStarts(generated);
    this.jsStarts = lineStarts(js);
    this.columns = decodeColumnMappings(sucraseMappings);
  }

  /** `line` 1-based, `col0` 0-based in the generated cell code → 1-based line and column in the cell. */
  toCell(line: number, col0: number): { line: number; column: number } {
    const lineStart = this.genStarts[line - 1];
    if (lineStart === undefined) return { line, column: col0 + 1 };
    const jsOffset = this.undoEdits(lineStart + Math.max(0, col0));
    const jsLine = upperBound(this.jsStarts, jsOffset);
    const jsCol = jsOffset - this.jsStarts[jsLine - 1];
    return { line: jsLine, column: this.sourceColumn(jsLine, jsCol) + 1 };
  }

  private undoEdits(genOffset: number): number {
    let delta = 0;
    for (const e of this.edits) {
      const genStart = e.start + delta;
      if (genOffset < genStart) break;
      if (genOffset < genStart + e.text.length) return e.start;
      delta += e.text.length - (e.end - e.start);
    }
    return genOffset - delta;
  }

  private sourceColumn(line: number, col: number): number {
    const segs = this.columns[line - 1];
    if (!segs || segs.length === 0) return col;
    let best: [number, number] | undefined;
    for (const s of segs) {
      if (s[0] > col) break;
      best = s;
    }
    return best ? best[1] + (col - best[0]) : col;
  }
}

/** 1-based index of the last start <= offset. */
function upperBound(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
