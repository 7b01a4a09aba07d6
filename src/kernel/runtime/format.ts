// Turns values into notebook text: repr() for Out[n] (strings quoted), str() for print/display (strings as is).

const MAX_DEPTH = 3;
const MAX_ITEMS = 100;
const MAX_KEYS = 50;
/** One-line forms longer than this are broken over lines, one item per line. */
const WIDTH = 80;

/** Python's str(): strings as they are, everything else like repr(). */
export function str(value: unknown): string {
  return typeof value === "string" ? value : repr(value);
}

/** What `print(...args)` writes (without the newline): args joined by spaces, like Python's print. */
export function formatPrint(args: readonly unknown[]): string {
  return args.map(str).join(" ");
}

/** Python's repr(): strings quoted; arrays and objects compact, depth-limited and cycle safe. */
export function repr(value: unknown): string {
  return format(value, 0, [], "");
}

function format(v: unknown, depth: number, seen: object[], indent: string): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return pyNumber(v);
    case "bigint":
      return `${v}n`;
    case "boolean":
    case "undefined":
      return String(v);
    case "symbol":
      return v.toString();
    case "function":
      return formatFunction(v as (...args: unknown[]) => unknown);
  }
  if (v === null) return "null";
  const obj = v as object;
  if (seen.includes(obj)) return "[Circular]";
  const own = ownString(obj);
  if (own !== undefined) return own;
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? `[Array(${obj.length})]` : `[${typeName(obj) || "Object"}]`;
  seen.push(obj);
  try {
    return formatContainer(obj, depth, seen, indent);
  } finally {
    seen.pop();
  }
}

/**
 * Python's repr of a number: `5.24e-05` (scientific below 1e-4 and from 1e16, two-digit exponent), `nan`, `inf`,
 * `-0.0`. JavaScript has one number type, so a whole number prints as an int (`1`, not `1.0`).
 */
export function pyNumber(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (Object.is(v, -0)) return "-0.0";
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e16) return String(v);
  const [mant, exp] = v.toExponential().split("e");
  const e = Number(exp);
  return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

function formatFunction(f: (...args: unknown[]) => unknown): string {
  // Callable objects (nn.Module instances are functions so that model(x) works) print via their class's toString.
  if (f.toString !== Function.prototype.toString) {
    try {
      return String(f.toString());
    } catch {
      // fall through to the generic form
    }
  }
  const src = Function.prototype.toString.call(f);
  const kind = src.startsWith("class") ? "class" : "Function";
  return f.name ? `[${kind} ${f.name}]` : `[${kind} (anonymous)]`;
}

/** Errors, dates, regexps, promises, and anything whose class has its own toString (Tensor, Module). */
function ownString(obj: object): string | undefined {
  if (obj instanceof Error) return obj.message ? `${obj.name}: ${obj.message}` : obj.name;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  if (obj instanceof RegExp) return obj.toString();
  if (obj instanceof Promise) return "Promise {…}";
  if (Array.isArray(obj) || ArrayBuffer.isView(obj) || obj instanceof Map || obj instanceof Set) return undefined;
  const toString = (obj as { toString?: unknown }).toString;
  if (typeof toString !== "function" || toString === Object.prototype.toString) return undefined;
  try {
    return String(toString.call(obj));
  } catch {
    return undefined; // a broken toString must not hide the value
  }
}

function typeName(obj: object): string {
  const proto = Object.getPrototypeOf(obj) as { constructor?: { name?: string } } | null;
  if (proto === null) return "";
  const name = proto.constructor?.name ?? "";
  return name === "Object" ? "" : name;
}

function formatContainer(obj: object, depth: number, seen: object[], indent: string): string {
  const inner = indent + "  ";
  const item = (x: unknown) => format(x, depth + 1, seen, inner);
  if (Array.isArray(obj)) {
    return wrap("", "[", "]", listItems(obj, obj.length, item), indent);
  }
  if (ArrayBuffer.isView(obj)) {
    const arr = obj as unknown as ArrayLike<unknown>;
    const name = obj.constructor.name;
    if (!("length" in obj)) return `${name} { byteLength: ${obj.byteLength} }`;
    return wrap(`${name}(${arr.length}) `, "[", "]", listItems(Array.from(arr), arr.length, item), indent);
  }
  if (obj instanceof Map) {
    const entries = [...obj.entries()].map(([k, val]) => `${item(k)} => ${item(val)}`);
    return wrap(`Map(${obj.size}) `, "{", "}", truncate(entries, obj.size, MAX_KEYS), indent);
  }
  if (obj instanceof Set) {
    return wrap(`Set(${obj.size}) `, "{", "}", listItems([...obj], obj.size, item), indent);
  }
  const keys = Object.keys(obj);
  const entries = keys.slice(0, MAX_KEYS).map((k) => `${formatKey(k)}: ${item((obj as Record<string, unknown>)[k])}`);
  const name = typeName(obj);
  return wrap(name ? `${name} ` : "", "{", "}", truncate(entries, keys.length, MAX_KEYS), indent);
}

function listItems(xs: ArrayLike<unknown>, total: number, item: (x: unknown) => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(xs.length, MAX_ITEMS); i++) out.push(item(xs[i]));
  return truncate(out, total, MAX_ITEMS);
}

function truncate(items: string[], total: number, max: number): string[] {
  return total > max ? [...items.slice(0, max), `… ${total - max} more`] : items;
}

function formatKey(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
}

/** `prefix[a, b]` on one line when it fits, else one item per line. */
function wrap(prefix: string, open: string, close: string, items: string[], indent: string): string {
  if (items.length === 0) return `${prefix}${open}${close}`;
  const pad = open === "{" ? " " : "";
  const oneLine = `${prefix}${open}${pad}${items.join(", ")}${pad}${close}`;
  if (oneLine.length + indent.length <= WIDTH && !oneLine.includes("\n")) return oneLine;
  const inner = indent + "  ";
  return `${prefix}${open}\n${items.map((s) => inner + s).join(",\n")}\n${indent}${close}`;
}
