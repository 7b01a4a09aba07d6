// JavaScript expressions → Python expressions: literals, operators, template strings, arrays, objects, arrows.
import { CannotTranslate, type Node, type T } from "./context";
import { isPyIdent, pyAttr, pyNumber, pyString, pyVar } from "./names";

const BINARY: Record<string, string> = {
  "+": "+", "-": "-", "*": "*", "/": "/", "%": "%", "**": "**", "<": "<", ">": ">", "<=": "<=", ">=": ">=",
  "===": "==", "!==": "!=", "==": "==", "!=": "!=", "&": "&", "|": "|", "^": "^", "<<": "<<", ">>": ">>",
};
/** JavaScript's conversion functions passed as values (`.map(String)`). */
const GLOBAL_FUNCTIONS: Record<string, string> = { String: "str", Number: "float", Boolean: "bool", parseFloat: "float", parseInt: "int" };
const ATOMIC = new Set(["Identifier", "Literal", "CallExpression", "MemberExpression", "ArrayExpression", "ThisExpression", "TemplateLiteral", "NewExpression"]);

const isNullish = (n: Node) => (n.type === "Literal" && n.value === null) || (n.type === "Identifier" && n.name === "undefined");
/** A string-valued literal or template: `"a" + x` needs str(x) in Python. */
export const isStringy = (n: Node): boolean =>
  (n.type === "Literal" && typeof n.value === "string") || n.type === "TemplateLiteral" ||
  (n.type === "BinaryExpression" && n.operator === "+" && (isStringy(n.left) || isStringy(n.right)));

export function atom(t: T, n: Node): string {
  const s = t.expr(n);
  if (ATOMIC.has(n.type) || (n.type === "ParenthesizedExpression")) return s;
  if (n.type === "UnaryExpression" && n.operator === "-" && /^[\w.]+$/.test(s.slice(1))) return s;
  return `(${s})`;
}

/** `${x.toFixed(2)}` → `{x:.2f}`: a template part with Python's format spec where one fits. */
function templatePart(t: T, n: Node): string {
  if (n.type === "CallExpression" && n.callee.type === "MemberExpression" && !n.callee.computed && n.arguments.length <= 1) {
    const m = n.callee.property.name;
    const digits = n.arguments.length ? n.arguments[0] : { type: "Literal", value: 0 };
    if ((m === "toFixed" || m === "toExponential") && digits.type === "Literal" && typeof digits.value === "number") {
      return `{${t.expr(n.callee.object)}:.${digits.value}${m === "toFixed" ? "f" : "e"}}`;
    }
  }
  const inner = t.expr(n);
  return `{${/^[{\s]/.test(inner) ? ` ${inner}` : inner}}`;
}

function template(t: T, n: Node): string {
  const saved = t.ctx.q;
  t.ctx.q = "'";
  try {
    let out = "";
    n.quasis.forEach((q: Node, i: number) => {
      const text = q.value.cooked as string;
      out += pyString(text, '"').slice(1, -1).replace(/[{}]/g, (c) => c + c);
      if (i < n.expressions.length) out += templatePart(t, n.expressions[i]);
    });
    return n.expressions.length ? `f"${out}"` : `"${out}"`;
  } finally {
    t.ctx.q = saved;
  }
}

function objectLiteral(t: T, n: Node): string {
  const simple: string[] = [];
  const entries: string[] = [];
  let allSimple = true;
  for (const p of n.properties) {
    if (p.type === "SpreadElement") {
      entries.push(`**${t.expr(p.argument)}`);
      allSimple = false;
      continue;
    }
    if (p.kind !== "init") throw new CannotTranslate(p, "getters and setters in object literals are not translated");
    if (p.method) throw new CannotTranslate(p, "methods in object literals are not translated");
    const value = p.value.type === "ArrowFunctionExpression" || p.value.type === "FunctionExpression" ? t.callable(p.value, keyName(p) ?? "fn") : t.expr(p.value);
    if (p.computed) {
      entries.push(`${t.expr(p.key)}: ${value}`);
      allSimple = false;
    } else {
      const key = p.key.type === "Identifier" ? pyAttr(p.key.name) : String(p.key.value);
      if (!isPyIdent(key)) allSimple = false;
      simple.push(`${key}=${value}`);
      entries.push(`${pyString(key, t.ctx.q)}: ${value}`);
    }
  }
  t.ctx.needs.add("Obj");
  return allSimple ? `Obj(${simple.join(", ")})` : `Obj({${entries.join(", ")}})`;
}

const keyName = (p: Node): string | null => (p.key?.type === "Identifier" ? pyVar(p.key.name) : null);

/** An arrow or function expression as a Python lambda, or null when its body needs statements. */
export function lambdaOf(t: T, fn: Node): string | null {
  if (fn.async || fn.generator) return null;
  let body = fn.body;
  if (body.type === "BlockStatement") {
    if (body.body.length !== 1 || body.body[0].type !== "ReturnStatement" || !body.body[0].argument) return null;
    body = body.body[0].argument;
  }
  if (!fn.params.every((p: Node) => p.type === "Identifier")) return null;
  const params = fn.params.map((p: Node) => pyVar(p.name));
  const { value } = t.ctx.inScope("function", params, () => t.expr(body));
  return `lambda${params.length ? " " + params.join(", ") : ""}: ${value}`;
}

export function expr(t: T, n: Node): string {
  const { ctx } = t;
  switch (n.type) {
    case "Identifier":
      if (n.name === "undefined") return "None";
      if (n.name === "Infinity") return 'float("inf")';
      if (n.name === "NaN") return 'float("nan")';
      if (GLOBAL_FUNCTIONS[n.name] && !t.ctx.userCallables.has(n.name)) return GLOBAL_FUNCTIONS[n.name];
      return pyVar(n.name);
    case "Literal":
      if (n.regex) throw new CannotTranslate(n, "a regular expression outside .replace/.split");
      if (typeof n.value === "number") return pyNumber(n.value, n.raw);
      if (typeof n.value === "boolean") return n.value ? "True" : "False";
      if (n.value === null) return "None";
      if (typeof n.value === "string") return pyString(n.value, ctx.q);
      throw new CannotTranslate(n, "this literal");
    case "TemplateLiteral":
      return template(t, n);
    case "ParenthesizedExpression":
      return `(${t.expr(n.expression)})`;
    case "ThisExpression":
      return "self";
    case "AwaitExpression":
      return t.expr(n.argument);
    case "ChainExpression":
      return t.expr(n.expression);
    case "TSNonNullExpression":
      return t.expr(n.expression);
    case "UnaryExpression":
      if (n.operator === "-") return `-${t.atom(n.argument)}`;
      if (n.operator === "+") return `float(${t.expr(n.argument)})`;
      if (n.operator === "!") return `not ${t.atom(n.argument)}`;
      if (n.operator === "~") return `~${t.atom(n.argument)}`;
      if (n.operator === "typeof") throw new CannotTranslate(n, "typeof outside a comparison with a type name");
      throw new CannotTranslate(n, `the ${n.operator} operator`);
    case "BinaryExpression":
      return binary(t, n);
    case "LogicalExpression":
      if (n.operator === "??") {
        const left = t.atom(n.left);
        return `${left} if ${left} is not None else ${t.atom(n.right)}`;
      }
      return `${t.atom(n.left)} ${n.operator === "&&" ? "and" : "or"} ${t.atom(n.right)}`;
    case "ConditionalExpression":
      return `${t.atom(n.consequent)} if ${t.atom(n.test)} else ${t.atom(n.alternate)}`;
    case "ArrayExpression":
      return array(t, n);
    case "ObjectExpression":
      return objectLiteral(t, n);
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return t.callable(n, "fn");
    case "SequenceExpression":
      throw new CannotTranslate(n, "the comma operator");
    case "UpdateExpression":
    case "AssignmentExpression":
      throw new CannotTranslate(n, "an assignment used as a value (write it as its own statement)");
    default:
      throw new CannotTranslate(n, `${n.type} is not translated`);
  }
}

function binary(t: T, n: Node): string {
  const op = n.operator as string;
  if ((op === "===" || op === "!==" || op === "==" || op === "!=") && (isNullish(n.left) || isNullish(n.right))) {
    const other = isNullish(n.left) ? n.right : n.left;
    return `${t.atom(other)} ${op.startsWith("!") ? "is not" : "is"} None`;
  }
  if ((op === "===" || op === "!==") && n.left.type === "UnaryExpression" && n.left.operator === "typeof" && n.right.type === "Literal") {
    const types: Record<string, string> = { number: "(int, float)", string: "str", boolean: "bool", function: "type(len)" };
    const py = types[n.right.value as string];
    if (!py) throw new CannotTranslate(n, `typeof … === ${JSON.stringify(n.right.value)}`);
    const test = py === "type(len)" ? `callable(${t.expr(n.left.argument)})` : `isinstance(${t.expr(n.left.argument)}, ${py})`;
    return op === "===" ? test : `not ${test}`;
  }
  if (op === "in") return `${t.atom(n.left)} in ${t.atom(n.right)}`;
  if (op === "instanceof") return `isinstance(${t.expr(n.left)}, ${t.expr(n.right)})`;
  const py = BINARY[op];
  if (!py) throw new CannotTranslate(n, `the ${op} operator`);
  if (op === "+" && (isStringy(n.left) !== isStringy(n.right))) {
    // JavaScript's "text" + value converts the value; Python needs str().
    const l = isStringy(n.left) ? t.atom(n.left) : `str(${t.expr(n.left)})`;
    const r = isStringy(n.right) ? t.atom(n.right) : `str(${t.expr(n.right)})`;
    return `${l} + ${r}`;
  }
  return `${t.atom(n.left)} ${py} ${t.atom(n.right)}`;
}

function array(t: T, n: Node): string {
  const parts: string[] = [];
  let spread = false;
  for (const e of n.elements) {
    if (e === null) throw new CannotTranslate(n, "an array with holes");
    if (e.type === "SpreadElement") {
      spread = true;
      parts.push(`*${t.atom(e.argument)}`);
    } else parts.push(t.expr(e));
  }
  return spread && parts.length === 1 ? `list(${parts[0].slice(1)})` : `[${parts.join(", ")}]`;
}
