// JSON nesting without recursion: how deep a parsed value goes, and a pretty printer that stops at a depth limit.

/**
 * How deeply `value` nests arrays and objects (a scalar is 0, `[]` is 1, `[[1]]` is 2), counting no further than
 * `limit + 1`: a 100,000-deep value costs `limit` steps, and no call stack (JSON.stringify overflows near 10,000).
 */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) stack.push([child, here]);
    }
  }
  return deepest;
}

/**
 * JSON.stringify(value, null, 2) for display, with arrays and objects below `maxDepth` shown as `[…]` / `{…}`.
 * Recursion stays within `maxDepth`, so any parsed JSON prints without a stack overflow.
 */
export function prettyJson(value: unknown, maxDepth = 100): string {
  const out: string[] = [];
  const write = (v: unknown, depth: number, pad: string): void => {
    if (typeof v !== "object" || v === null) {
      out.push(v === undefined ? "null" : (JSON.stringify(v) ?? "null"));
      return;
    }
    const isArray = Array.isArray(v);
    const entries: Array<[string | null, unknown]> = isArray ? v.map((x) => [null, x]) : Object.entries(v);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return void out.push(open + close);
    if (depth >= maxDepth) return void out.push(`${open}…${close}`);
    const inner = pad + "  ";
    out.push(`${open}\n`);
    entries.forEach(([key, child], i) => {
      out.push(inner);
      if (key !== null) out.push(`${JSON.stringify(key)}: `);
      write(child, depth + 1, inner);
      out.push(i < entries.length - 1 ? ",\n" : "\n");
    });
    out.push(pad + close);
  };
  write(value, 0, "");
  return out.join("");
}
