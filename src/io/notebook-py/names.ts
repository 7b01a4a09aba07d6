// Names across the bridge: JavaScript identifiers → Python ones (snake_case, no clash with keywords or builtins).

const PY_KEYWORDS = new Set(
  "and as assert async await class def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield match case".split(" "),
);
/** Python builtins and module names the generated program uses; a learner's variable of that name gets a trailing `_`. */
const TAKEN = new Set(
  "print len sum max min list range map filter input round abs str int float type id iter next all any format set dict object math re sorted reversed enumerate zip functools time json torch nn F optim args sys os bool tuple open vars hash slice isinstance repr callable help dir".split(" "),
);

/** camelCase → snake_case (`trainLoader` → `train_loader`, `dW1` → `d_w1`); ALLCAPS, PascalCase and `_x` stay. */
export function snake(name: string): string {
  if (!/^[a-z]/.test(name) || !/[A-Z]/.test(name)) return name;
  return name.replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a}_${b.toLowerCase()}`).replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A learner's variable or function name as Python: snake_case, `$` → `_`, keywords and builtins suffixed with `_`. */
export function pyVar(name: string): string {
  const s = snake(name).replace(/\$/g, "_");
  return PY_KEYWORDS.has(s) || TAKEN.has(s) ? `${s}_` : s;
}

/** A property or method name as Python (attributes do not clash with builtins, only keywords). */
export function pyAttr(name: string): string {
  const s = snake(name).replace(/\$/g, "_");
  return PY_KEYWORDS.has(s) ? `${s}_` : s;
}

/** A Python identifier that may be a keyword argument name. */
export function isPyIdent(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PY_KEYWORDS.has(name);
}

/** A JavaScript string as a Python literal, with `quote` (`'` inside f-strings before Python 3.12). */
export function pyString(value: string, quote: '"' | "'" = '"'): string {
  let out = "";
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** A number as Python writes it (JavaScript's 1e-3 is Python's 1e-3 too; Infinity and NaN go through float()). */
export function pyNumber(value: number, raw?: string): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  if (raw && /^[0-9.eE+-]+$/.test(raw) && !/^0[0-9]/.test(raw)) return raw.replace(/^\./, "0.").replace(/\.$/, ".0");
  return String(value);
}
