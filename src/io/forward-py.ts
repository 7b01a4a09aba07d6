// Translates a module's TypeScript `forward` (its compiled source, via acorn) into PyTorch Python, or says why not.
import { parse, type Node } from "acorn";

/** A translated forward (`lines` are the body, unindented) or the reason it could not be translated. */
export type ForwardPy = { ok: true; params: string[]; lines: string[] } | { ok: false; reason: string };

/** What the forward may name on `this`: child modules (called) and own parameters/buffers (read). */
export interface ForwardNames {
  children: Set<string>;
  tensors: Set<string>;
}

// F.<name> / nn.functional.<name> → Python.
const FUNCTIONAL: Record<string, string> = {
  relu: "F.relu",
  sigmoid: "torch.sigmoid",
  tanh: "torch.tanh",
  leakyRelu: "F.leaky_relu",
  softmax: "F.softmax",
  logSoftmax: "F.log_softmax",
  maxPool2d: "F.max_pool2d",
  avgPool2d: "F.avg_pool2d",
  flatten: "torch.flatten",
  dropout: "F.dropout",
  linear: "F.linear",
  conv2d: "F.conv2d",
  oneHot: "F.one_hot",
};
// torch.<name> → Python.
const TORCH = [
  "relu", "sigmoid", "tanh", "flatten", "cat", "stack", "softmax", "logSoftmax", "matmul", "exp", "log", "sqrt",
  "abs", "clamp", "reshape", "transpose", "permute", "squeeze", "unsqueeze", "sum", "mean", "add", "sub", "mul", "div",
  "maximum", "minimum", "where",
];
// Tensor methods → the same name in snake_case.
const METHODS = new Set([
  "view", "reshape", "flatten", "relu", "sigmoid", "tanh", "softmax", "logSoftmax", "squeeze", "unsqueeze", "permute",
  "transpose", "t", "mean", "sum", "add", "sub", "mul", "div", "pow", "matmul", "exp", "log", "abs", "sqrt", "clamp",
  "float", "size", "contiguous", "neg", "expand", "repeat", "argmax", "unflatten", "leakyRelu",
]);
const BINARY = new Set(["+", "-", "*", "/", "%", "**"]);
const PY_KEYWORDS = new Set("and as assert async await class def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield".split(" "));

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

class Untranslatable extends Error {}

/* eslint-disable @typescript-eslint/no-explicit-any -- acorn's ESTree nodes are read structurally */
/** Parses `source` (what Function.prototype.toString gives for a method or function) and translates its body. */
export function forwardToPython(source: string, names: ForwardNames): ForwardPy {
  let fn: any;
  try {
    fn = parseFunction(source);
  } catch (e) {
    return { ok: false, reason: `its source could not be parsed (${(e as Error).message})` };
  }
  const locals = new Set<string>();
  const at = (n: Node) => source.slice(n.start - offsetOf(fn), n.end - offsetOf(fn)).split("\n")[0].trim();
  const fail = (n: Node, what: string): never => {
    throw new Untranslatable(`${what}: \`${at(n)}\``);
  };
  try {
    const params = (fn.params as any[]).map((p) => {
      if (p.type !== "Identifier") fail(p, "only plain parameter names translate (no defaults or destructuring)");
      locals.add(p.name);
      return py(p.name);
    });
    const expr = (n: any): string => {
      switch (n.type) {
        case "Identifier":
          if (!locals.has(n.name)) fail(n, `\`${n.name}\` is not a parameter or local variable of forward`);
          return py(n.name);
        case "Literal":
          if (typeof n.value === "number") return String(n.value);
          if (typeof n.value === "boolean") return n.value ? "True" : "False";
          if (n.value === null) return "None";
          if (typeof n.value === "string") return JSON.stringify(n.value);
          return fail(n, "unsupported literal");
        case "UnaryExpression":
          if (n.operator === "-") return `-${expr(n.argument)}`;
          return fail(n, `operator ${n.operator}`);
        case "BinaryExpression":
          if (!BINARY.has(n.operator)) fail(n, `operator ${n.operator}`);
          return `${wrap(n.left)} ${n.operator} ${wrap(n.right)}`;
        case "ArrayExpression":
          return `[${n.elements.map(expr).join(", ")}]`;
        case "ParenthesizedExpression":
          return expr(n.expression);
        case "MemberExpression":
          return member(n);
        case "CallExpression":
          return call(n);
        default:
          return fail(n, `${n.type} is not translated`);
      }
    };
    const wrap = (n: any) => (n.type === "BinaryExpression" ? `(${expr(n)})` : expr(n));
    const isThis = (n: any, set: Set<string>) =>
      n.type === "MemberExpression" && n.object.type === "ThisExpression" && !n.computed && set.has(n.property.name);
    const member = (n: any): string => {
      if (n.object.type === "ThisExpression") {
        if (!n.computed && names.tensors.has(n.property.name)) return `self.${n.property.name}`;
        return fail(n, "only layers, parameters and buffers of this module can be used from `this`");
      }
      if (n.computed) return `${expr(n.object)}[${expr(n.property)}]`;
      if (n.property.name === "shape" || n.property.name === "ndim") return `${expr(n.object)}.${n.property.name}`;
      return fail(n, `property .${n.property.name} is not translated`);
    };
    const args = (list: any[]): string => {
      const out: string[] = [];
      list.forEach((a, i) => {
        if (a.type === "ObjectExpression" && i === list.length - 1) {
          // Gradbook's trailing options object ({ stride: 2 }) is PyTorch's keyword arguments.
          for (const p of a.properties) {
            if (p.type !== "Property" || p.computed || p.key.type !== "Identifier") fail(p, "unsupported option");
            out.push(`${snake(p.key.name)}=${expr(p.value)}`);
          }
        } else out.push(expr(a));
      });
      return out.join(", ");
    };
    const path = (n: any): string | null => {
      if (n.type === "Identifier") return n.name;
      if (n.type === "MemberExpression" && !n.computed) {
        const head = path(n.object);
        return head === null ? null : `${head}.${n.property.name}`;
      }
      return null;
    };
    const call = (n: any): string => {
      const c = n.callee;
      if (isThis(c, names.children)) return `self.${c.property.name}(${args(n.arguments)})`;
      const p = path(c);
      if (p && !locals.has(p.split(".")[0])) {
        const m = /^(?:F|nn\.functional|torch\.nn\.functional)\.(\w+)$/.exec(p);
        if (m && FUNCTIONAL[m[1]]) return `${FUNCTIONAL[m[1]]}(${args(n.arguments)})`;
        const t = /^torch\.(\w+)$/.exec(p);
        if (t && TORCH.includes(t[1])) return `torch.${snake(t[1])}(${args(n.arguments)})`;
        return fail(n, `\`${p}\` has no translation`);
      }
      if (c.type === "MemberExpression" && !c.computed && METHODS.has(c.property.name)) {
        return `${expr(c.object)}.${snake(c.property.name)}(${args(n.arguments)})`;
      }
      if (c.type === "MemberExpression" && c.object.type === "ThisExpression") {
        return fail(n, `\`this.${c.property?.name}\` is not a layer of this module (helper methods are not translated)`);
      }
      return fail(n, "this call has no translation");
    };
    const lines: string[] = [];
    for (const s of fn.body.body as any[]) {
      if (s.type === "ReturnStatement") {
        lines.push(s.argument ? `return ${expr(s.argument)}` : "return None");
      } else if (s.type === "VariableDeclaration") {
        for (const d of s.declarations) {
          if (d.id.type !== "Identifier" || !d.init) fail(d, "only `const name = expression` declarations translate");
          const value = expr(d.init);
          locals.add(d.id.name);
          lines.push(`${py(d.id.name)} = ${value}`);
        }
      } else if (s.type === "ExpressionStatement" && s.expression.type === "AssignmentExpression") {
        const a = s.expression;
        if (a.left.type !== "Identifier" || !locals.has(a.left.name)) fail(a.left, "only assignments to local variables translate");
        if (!["=", "+=", "-=", "*=", "/="].includes(a.operator)) fail(a, `operator ${a.operator}`);
        lines.push(`${py(a.left.name)} ${a.operator} ${expr(a.right)}`);
      } else if (s.type !== "EmptyStatement") {
        fail(s, `${s.type.replace(/Statement$/, "").toLowerCase() || s.type} statements are not translated`);
      }
    }
    if (!lines.some((l) => l.startsWith("return "))) return { ok: false, reason: "forward has no return statement" };
    return { ok: true, params, lines };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: e.message };
    throw e;
  }
}

function py(name: string): string {
  return PY_KEYWORDS.has(name) ? `${name}_` : name.replace(/\$/g, "_");
}

const WRAP_START = "(class {\n";

/** A method (`forward(x) {…}`), function or arrow source → its FunctionExpression / ArrowFunction node. */
function parseFunction(source: string): any {
  const opts = { ecmaVersion: "latest" as const, preserveParens: true };
  try {
    const program: any = parse(`${WRAP_START}${source}\n})`, opts);
    const method = program.body[0].expression.expression.body.body[0];
    if (method?.type === "MethodDefinition") return Object.assign(method.value, { __offset: WRAP_START.length });
  } catch {
    // not a method: try a function or arrow below
  }
  const program: any = parse(`(${source})`, opts);
  const f = program.body[0].expression.expression ?? program.body[0].expression;
  if (f.type !== "FunctionExpression" && f.type !== "ArrowFunctionExpression") throw new Error("not a function");
  if (f.body.type !== "BlockStatement") f.body = { type: "BlockStatement", body: [{ type: "ReturnStatement", argument: f.body, start: f.body.start, end: f.body.end }] };
  return Object.assign(f, { __offset: 1 });
}

function offsetOf(fn: any): number {
  return fn.__offset as number;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
