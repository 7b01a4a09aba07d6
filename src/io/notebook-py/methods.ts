// Method calls: JavaScript's array, string and Map/Set methods → Python idioms; Tensor and Module methods → PyTorch's
// snake_case names (zeroGrad → zero_grad, stateDict → state_dict, indexSelect → index_select).
import { CannotTranslate, type Node, type T } from "./context";
import { pyAttr, pyString, pyVar } from "./names";

/** `a, b` → `(a, b)` where it sits inside a longer target (`for i, (a, b) in enumerate(…)`). */
export const paren = (target: string) => (target.includes(",") ? `(${target.replace(/,$/, "")}${target.endsWith(",") ? "," : ""})` : target);
const isFn = (n: Node) => n && (n.type === "ArrowFunctionExpression" || n.type === "FunctionExpression");
const STRING_METHODS: Record<string, string> = {
  toLowerCase: "lower", toUpperCase: "upper", trim: "strip", trimStart: "lstrip", trimEnd: "rstrip",
  startsWith: "startswith", endsWith: "endswith", padEnd: "ljust", padStart: "rjust",
};

/** The pieces of a comprehension over `list` with callback `fn`: its `for` clause and the body as Python. */
function comprehension(t: T, list: Node, fn: Node): { clause: string; body: string; item: string } {
  const src = t.expr(list);
  if (isFn(fn) && fn.params.length <= 2) {
    const lambda = lambdaBody(t, fn);
    if (lambda) {
      const item = fn.params[0] ? t.target(fn.params[0], null) : "_";
      const clause = fn.params.length === 2 ? `for ${pyVar(fn.params[1].name)}, ${paren(item)} in enumerate(${src})` : `for ${item} in ${src}`;
      return { clause, body: lambda, item };
    }
  }
  const f = t.callable(fn, "fn");
  const arity = isFn(fn) ? fn.params.length : 1;
  if (arity >= 2) return { clause: `for _i, _v in enumerate(${src})`, body: `${f}(_v, _i)`, item: "_v" };
  return { clause: `for _v in ${src}`, body: `${f}(_v)`, item: "_v" };
}

/** An arrow's single expression (its body or its only `return`), translated with its parameters in scope, or null. */
function lambdaBody(t: T, fn: Node): string | null {
  let body = fn.body;
  if (body.type === "BlockStatement") {
    if (body.body.length !== 1 || body.body[0].type !== "ReturnStatement" || !body.body[0].argument) return null;
    body = body.body[0].argument;
  }
  if (fn.params.length === 2 && fn.params[1].type !== "Identifier") return null;
  return t.expr(body);
}

/** `(a, b) => f(a) - f(b)` → the key f, and whether it sorts descending; null if the comparator is not of that form. */
function sortKey(t: T, fn: Node): string | null {
  if (!isFn(fn) || fn.params.length !== 2 || fn.body.type !== "BinaryExpression" || fn.body.operator !== "-") return null;
  const [a, b] = fn.params.map((p: Node) => p.name);
  const left = JSON.stringify(strip(fn.body.left)).replaceAll(`"name":"${a}"`, '"name":"$K"');
  const right = JSON.stringify(strip(fn.body.right)).replaceAll(`"name":"${b}"`, '"name":"$K"');
  if (left === right) return `key=lambda ${pyVar(a)}: ${t.expr(fn.body.left)}`;
  const l2 = JSON.stringify(strip(fn.body.left)).replaceAll(`"name":"${b}"`, '"name":"$K"');
  const r2 = JSON.stringify(strip(fn.body.right)).replaceAll(`"name":"${a}"`, '"name":"$K"');
  if (l2 === r2) return `key=lambda ${pyVar(a)}: ${t.expr(fn.body.right)}, reverse=True`;
  return null;
}

function strip(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(strip);
  if (n && typeof n === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) if (!["start", "end", "loc", "range", "raw"].includes(k)) out[k] = strip(v);
    return out;
  }
  return n;
}

/** `(acc, v) => acc + g(v)` with init 0 → `sum(g(v) for v in list)`; null if it is another reduction. */
function sumOf(t: T, list: Node, fn: Node, init: Node | undefined): string | null {
  if (!isFn(fn) || fn.params.length !== 2 || !init || init.type !== "Literal" || init.value !== 0) return null;
  const body = fn.body.type === "BlockStatement" ? null : fn.body;
  const acc = fn.params[0].name;
  if (!body || body.type !== "BinaryExpression" || body.operator !== "+" || body.left.type !== "Identifier" || body.left.name !== acc) return null;
  if (JSON.stringify(strip(body.right)).includes(`"name":"${acc}"`)) return null;
  const item = t.target(fn.params[1], null);
  const g = t.expr(body.right);
  return g === item ? `sum(${t.expr(list)})` : `sum(${g} for ${item} in ${t.expr(list)})`;
}

export function method(t: T, n: Node, name: string, obj: Node, args: Node[]): string {
  const needs = t.ctx.needs;
  const o = () => t.atom(obj);
  const a = (i: number) => t.expr(args[i]);
  switch (name) {
    case "map": {
      if (args.length !== 1) break;
      const c = comprehension(t, obj, args[0]);
      return `[${c.body} ${c.clause}]`;
    }
    case "filter": {
      const c = comprehension(t, obj, args[0]);
      return `[${c.item} ${c.clause} if ${c.body}]`;
    }
    case "forEach": {
      const c = comprehension(t, obj, args[0]);
      return `[${c.body} ${c.clause}]`;
    }
    case "flatMap": {
      const c = comprehension(t, obj, args[0]);
      return `[_y ${c.clause} for _y in (${c.body})]`;
    }
    case "some":
    case "every": {
      const c = comprehension(t, obj, args[0]);
      return `${name === "some" ? "any" : "all"}(${c.body} ${c.clause})`;
    }
    case "find": {
      const c = comprehension(t, obj, args[0]);
      return `next((${c.item} ${c.clause} if ${c.body}), None)`;
    }
    case "reduce": {
      const sum = sumOf(t, obj, args[0], args[1]);
      if (sum) return sum;
      needs.add("functools");
      return `functools.reduce(${t.callable(args[0], "reducer")}, ${o()}${args[1] ? ", " + a(1) : ""})`;
    }
    case "sort": {
      if (!args.length) return `sorted(${t.expr(obj)})`;
      const key = sortKey(t, args[0]);
      if (key) return `sorted(${t.expr(obj)}, ${key})`;
      needs.add("functools");
      return `sorted(${t.expr(obj)}, key=functools.cmp_to_key(${t.callable(args[0], "compare")}))`;
    }
    case "join":
      return `${args.length ? t.atom(args[0]) : '","'}.join(map(str, ${t.expr(obj)}))`;
    case "slice":
      if (args.length === 0) return `${o()}[:]`;
      return `${o()}[${a(0)}:${args[1] ? a(1) : ""}]`;
    case "at":
      return `${o()}[${args.map((x) => (x.type === "Literal" && x.value === ":" ? ":" : t.expr(x))).join(", ")}]`;
    case "indexOf":
      return `${o()}.index(${a(0)})`;
    case "includes":
    case "has":
      return `${t.atom(args[0])} in ${o()}`;
    case "push":
      if (args.length === 1 && args[0].type === "SpreadElement") return `${o()}.extend(${t.expr(args[0].argument)})`;
      return args.length === 1 ? `${o()}.append(${a(0)})` : `${o()}.extend([${t.args(args, false)}])`;
    case "shift":
      return `${o()}.pop(0)`;
    case "unshift":
      return `${o()}.insert(0, ${a(0)})`;
    case "concat":
      return `${o()} + ${t.atom(args[0])}`;
    case "fill":
      if ((obj.type === "CallExpression" || obj.type === "NewExpression") && obj.callee.name === "Array" && obj.arguments.length === 1) {
        return `[${a(0)}] * ${t.atom(obj.arguments[0])}`;
      }
      break;
    case "entries":
      return `${o()}.items()`;
    case "set":
      throw new CannotTranslate(n, "Map.set used as a value (write it as its own statement)");
    case "delete":
      return `${o()}.pop(${a(0)}, None)`;
    case "toFixed":
      return `format(${t.expr(obj)}, ".${args[0]?.value ?? 0}f")`;
    case "toExponential":
      return `format(${t.expr(obj)}, ".${args[0]?.value ?? 6}e")`;
    case "toPrecision":
      return `format(${t.expr(obj)}, ".${args[0]?.value ?? 6}g")`;
    case "toString":
      return `str(${t.expr(obj)})`;
    case "replace":
    case "replaceAll":
      if (args[0].type === "Literal" && args[0].regex) {
        needs.add("re");
        const { pattern, flags } = args[0].regex;
        const count = flags.includes("g") || name === "replaceAll" ? "" : ", count=1";
        return `re.sub(${pyString(pattern.replace(/\\\//g, "/"), t.ctx.q).replace(/^(["'])/, "r$1").replace(/\\\\/g, "\\")}, ${a(1)}, ${t.expr(obj)}${count})`;
      }
      return `${o()}.replace(${a(0)}, ${a(1)}${name === "replace" ? ", 1" : ""})`;
    case "split":
      if (args[0]?.type === "Literal" && args[0].regex) {
        needs.add("re");
        return `re.split(${pyString(args[0].regex.pattern, t.ctx.q)}, ${t.expr(obj)})`;
      }
      return `${o()}.split(${args.length ? a(0) : ""})`;
    case "getBatch":
      needs.add("get-batch");
      return `get_batch(${t.expr(obj)}, ${a(0)})`;
    case "toArray":
    case "arraySync":
      return `${o()}.tolist()`;
  }
  if (STRING_METHODS[name]) return `${o()}.${STRING_METHODS[name]}(${t.args(args, false)})`;
  if (name === "stateDict") return `${o()}.state_dict()`;
  return `${o()}.${pyAttr(name)}(${t.args(args, true)})`;
}
