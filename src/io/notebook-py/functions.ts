// Functions and classes → def / class: parameters (defaults, destructuring), global/nonlocal for outer names a body
// assigns, classes extending nn.Module with field initialisers after super().__init__().
import { CannotTranslate, IND, type Node, type T } from "./context";
import { lambdaOf } from "./expressions";
import { pyAttr, pyVar } from "./names";

const MODULE_BASES = new Set(["nn.Module", "Module", "torch.nn.Module"]);

function dotted(n: Node): string | null {
  if (n?.type === "Identifier") return n.name;
  if (n?.type === "MemberExpression" && !n.computed) {
    const head = dotted(n.object);
    return head && `${head}.${n.property.name}`;
  }
  return null;
}

/** Python parameters and the lines that unpack destructured ones. */
function params(t: T, list: Node[]): { names: string[]; text: string[]; unpack: Node[] } {
  const names: string[] = [];
  const text: string[] = [];
  const unpack: Node[] = [];
  list.forEach((p, i) => {
    if (p.type === "Identifier") {
      names.push(pyVar(p.name));
      text.push(pyVar(p.name));
    } else if (p.type === "AssignmentPattern" && p.left.type === "Identifier") {
      names.push(pyVar(p.left.name));
      text.push(`${pyVar(p.left.name)}=${t.expr(p.right)}`);
    } else if (p.type === "RestElement" && p.argument.type === "Identifier") {
      names.push(pyVar(p.argument.name));
      text.push(`*${pyVar(p.argument.name)}`);
    } else if (p.type === "ArrayPattern" || p.type === "ObjectPattern") {
      const name = `_arg${i}`;
      names.push(name);
      text.push(name);
      unpack.push({ type: "VariableDeclaration", declarations: [{ type: "VariableDeclarator", id: p, init: { type: "Identifier", name, start: p.start, end: p.end, loc: p.loc } }], start: p.start, end: p.start, loc: p.loc });
    } else {
      throw new CannotTranslate(p, "this parameter form");
    }
  });
  return { names, text, unpack };
}

export function def(t: T, name: string, fn: Node, ind: string, isMethod = false): string[] {
  if (fn.type === "ClassDeclaration" || fn.type === "ClassExpression") return classDef(t, name, fn, ind);
  if (fn.generator) throw new CannotTranslate(fn, "generator functions");
  const { ctx } = t;
  const savedInline = ctx.noGradInline;
  ctx.noGradInline = false;
  try {
    const p = params(t, fn.params);
    const { value: body, outer } = ctx.inScope("function", p.names, () => {
      const stmts = fn.body.type === "BlockStatement" ? [...p.unpack, ...fn.body.body] : [...p.unpack, { type: "ReturnStatement", argument: fn.body, start: fn.body.start, end: fn.body.end, loc: fn.body.loc }];
      return t.block(stmts, ind + IND);
    });
    const head = `${ind}def ${name}(${[...(isMethod ? ["self"] : []), ...p.text].join(", ")}):`;
    return [head, ...outer.map((o) => `${ind}${IND}${o}`), ...body];
  } finally {
    ctx.noGradInline = savedInline;
  }
}

/** A function value: lambda when it is one expression, else a def hoisted before the current statement. */
export function callable(t: T, fn: Node, hint: string): string {
  if (!fn || (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression")) return t.expr(fn);
  const saved = t.ctx.noGradInline;
  t.ctx.noGradInline = false;
  try {
    const lambda = lambdaOf(t, fn);
    if (lambda) return lambda;
  } finally {
    t.ctx.noGradInline = saved;
  }
  const name = t.ctx.freshName(hint);
  t.ctx.pending.push(...def(t, name, fn, ""));
  return name;
}

function classDef(t: T, name: string, cls: Node, ind: string): string[] {
  const { ctx } = t;
  const base = cls.superClass ? dotted(cls.superClass) ?? t.expr(cls.superClass) : null;
  const isModule = base !== null && (MODULE_BASES.has(base) || ctx.moduleClasses.has(base));
  if (isModule) ctx.moduleClasses.add(cls.id.name);
  ctx.userCallables.add(cls.id.name);
  ctx.declare(name);
  const pyBase = base === null ? "" : `(${MODULE_BASES.has(base) ? "nn.Module" : t.expr(cls.superClass)})`;
  ctx.classDepth += 1;
  try {
    const { value } = ctx.inScope("class", [], () => {
      const out: string[] = [];
      const fields = cls.body.body.filter((m: Node) => m.type === "PropertyDefinition" && !m.static && m.value);
      const statics = cls.body.body.filter((m: Node) => m.type === "PropertyDefinition" && m.static && m.value);
      for (const f of statics) out.push(`${ind}${IND}${pyAttr(f.key.name)} = ${t.expr(f.value)}`);
      const ctor = cls.body.body.find((m: Node) => m.type === "MethodDefinition" && m.kind === "constructor");
      const fieldLines = () => fields.map((f: Node) => `${ind}${IND}${IND}self.${pyAttr(f.key.name)} = ${f.value.type === "ArrowFunctionExpression" ? t.callable(f.value, "fn") : t.expr(f.value)}`);
      if (ctor) {
        const body = ctor.value.body.body as Node[];
        const superAt = body.findIndex((s) => s.type === "ExpressionStatement" && s.expression.type === "CallExpression" && s.expression.callee.type === "Super");
        const superArgs = superAt >= 0 ? t.args(body[superAt].expression.arguments, false) : "";
        const rest = { ...ctor.value, body: { ...ctor.value.body, body: body.filter((_, i) => i !== superAt) } };
        const lines = def(t, "__init__", rest, ind + IND, true);
        const split = lines.findIndex((l, i) => i > 0 && !/^\s*(global|nonlocal) /.test(l));
        const head = lines.slice(0, split);
        const tail = lines.slice(split).filter((l) => l.trim() !== "pass");
        out.push(...head, ...(base ? [`${ind}${IND}${IND}super().__init__(${superArgs})`] : []), ...fieldLines(), ...tail);
        if (head.length + tail.length === 1 && !base && !fields.length) out.push(`${ind}${IND}${IND}pass`);
      } else if (fields.length || base) {
        out.push(`${ind}${IND}def __init__(self):`, ...(base ? [`${ind}${IND}${IND}super().__init__()`] : []), ...fieldLines());
      }
      for (const m of cls.body.body) {
        if (m.type !== "MethodDefinition" || m.kind === "constructor") continue;
        if (m.computed) throw new CannotTranslate(m, "a computed method name");
        const mName = m.key.name === "toString" ? "__repr__" : pyAttr(m.key.name);
        out.push("");
        if (m.kind === "get") out.push(`${ind}${IND}@property`);
        if (m.static) out.push(`${ind}${IND}@staticmethod`);
        if (m.kind === "set") throw new CannotTranslate(m, "setters");
        out.push(...def(t, mName, m.value, ind + IND, !m.static));
      }
      return out;
    });
    return [`${ind}class ${name}${pyBase}:`, ...(value.length ? value : [`${ind}${IND}pass`])];
  } finally {
    ctx.classDepth -= 1;
  }
}
