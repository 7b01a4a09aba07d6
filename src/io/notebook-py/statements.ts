// JavaScript statements → Python statements: declarations, assignments, if, loops (for…of, counted for, while),
// noGrad blocks, functions with global/nonlocal, forEach as a loop. Every failure becomes a NotImplementedError line.
import { BUILTINS, NO_GRAD } from "./builtins";
import { CannotTranslate, IND, type Node, type T } from "./context";
import { lambdaOf } from "./expressions";
import { paren } from "./methods";
import { pyVar } from "./names";

const isFn = (n: Node) => n && (n.type === "ArrowFunctionExpression" || n.type === "FunctionExpression");
const unwrapAwait = (n: Node) => (n?.type === "AwaitExpression" ? n.argument : n);

/** Leading comments of a statement (those that end before it starts), as Python comment lines. */
function leadingComments(t: T, s: Node, ind: string): string[] {
  const out: string[] = [];
  while (t.ctx.comments.length && t.ctx.comments[0].end <= s.start) {
    const c = t.ctx.comments.shift()!;
    for (const line of c.text.split("\n")) {
      const text = line.replace(/^\s*\*+\s?/, "").replace(/^\s*\/$/, "").trimEnd();
      if (text.trim()) out.push(`${ind}# ${text.trim()}`);
    }
  }
  return out;
}

/** A comment on the statement's last line, after it (`x = 1  // why`), as a trailing Python comment. */
function trailingComment(t: T, s: Node): string {
  const c = t.ctx.comments[0];
  if (!c || c.line !== s.loc.end.line || c.start < s.end) return "";
  t.ctx.comments.shift();
  return `  # ${c.text.trim()}`;
}

export function block(t: T, body: Node | Node[], ind: string): string[] {
  const list: Node[] = Array.isArray(body) ? body : body.type === "BlockStatement" ? body.body : [body];
  const out: string[] = [];
  for (const s of list) {
    out.push(...leadingComments(t, s, ind));
    const savedPending = t.ctx.pending;
    t.ctx.pending = [];
    let lines: string[];
    try {
      lines = statement(t, s, ind);
    } catch (e) {
      if (!(e instanceof CannotTranslate)) throw e;
      lines = t.ctx.fail(e, ind);
      t.ctx.pending = [];
    }
    const trailing = trailingComment(t, s);
    // A browser-only call is quoted whole, its comment included: do not repeat the comment.
    if (trailing && lines.length && !lines[0].includes(trailing.slice(4))) lines[0] += trailing;
    out.push(...t.ctx.notes.map((l) => `${ind}# ${l}`), ...t.ctx.pending.map((l) => ind + l), ...lines);
    t.ctx.pending = savedPending;
    t.ctx.notes = [];
  }
  return out.length ? out : [`${ind}pass`];
}

/** Translates `s` with noGrad(() => e) inlined; wraps the lines in `with torch.no_grad():` when one was. */
function maybeNoGrad(t: T, ind: string, fn: (ind: string) => string[]): string[] {
  const { ctx } = t;
  const saved = [ctx.noGradInline, ctx.noGradUsed];
  ctx.noGradInline = true;
  ctx.noGradUsed = false;
  try {
    const lines = fn(ind + IND);
    if (ctx.noGradUsed) return [`${ind}with torch.no_grad():`, ...lines];
    return lines.map((l) => l.slice(IND.length));
  } finally {
    [ctx.noGradInline, ctx.noGradUsed] = saved;
  }
}

function declaration(t: T, s: Node, ind: string): string[] {
  const out: string[] = [];
  for (const d of s.declarations) {
    if (d.id.type === "Identifier" && isFn(d.init)) {
      const name = pyVar(d.id.name);
      t.ctx.declare(name);
      t.ctx.userCallables.add(d.id.name);
      const lambda = d.init.body.type !== "BlockStatement" && d.init.params.length === 0 ? lambdaOf(t, d.init) : null;
      out.push(...(lambda?.endsWith(": None") ? [`${ind}${name} = ${lambda}`] : t.def(name, d.init, ind)));
      continue;
    }
    if (d.id.type === "ObjectPattern") {
      out.push(...maybeNoGrad(t, ind, (i) => objectUnpack(t, d.id, d.init, i, true)));
      continue;
    }
    if (d.init?.type === "ObjectExpression" && d.id.type === "Identifier") t.ctx.objectVars.add(d.id.name);
    out.push(
      ...maybeNoGrad(t, ind, (i) => {
        const value = d.init ? t.expr(d.init) : "None";
        const rest = d.id.type === "ArrayPattern" && d.init?.type !== "ArrayExpression" && !d.id.elements.some((e: Node) => e?.type === "RestElement");
        let target = t.target(d.id, true);
        if (d.id.type === "ArrayPattern" && d.id.elements.length === 1 && rest) return [`${i}${target.replace(/,$/, "")} = ${t.atom(d.init)}[0]`];
        if (rest) target += ", *_";
        return [`${i}${target} = ${value}`];
      }),
    );
  }
  return out;
}

/** `const { a, b } = value` → a temporary, then one line per name (object literals are Obj: attribute access). */
function objectUnpack(t: T, pattern: Node, init: Node, ind: string, declare: boolean): string[] {
  let src = t.expr(init);
  const out: string[] = [];
  if (init.type !== "Identifier") {
    const tmp = t.ctx.freshName("r");
    out.push(`${ind}${tmp} = ${src}`);
    src = tmp;
  }
  for (const p of pattern.properties) {
    if (p.type !== "Property" || p.computed || p.value.type !== "Identifier") throw new CannotTranslate(p, "this destructuring pattern");
    const name = pyVar(p.value.name);
    if (declare) t.ctx.declare(name);
    else t.ctx.assign(name);
    out.push(`${ind}${name} = ${src}.${pyVar(p.key.name)}`);
  }
  return out;
}

/** `for (let i = a; i < b; i++)` → `range(...)`, or null when the loop is not a plain count. */
function countedRange(t: T, s: Node): { name: string; range: string } | null {
  const init = s.init;
  if (!init || init.type !== "VariableDeclaration" || init.declarations.length !== 1 || init.declarations[0].id.type !== "Identifier") return null;
  const v = init.declarations[0].id.name;
  const test = s.test;
  if (!test || test.type !== "BinaryExpression" || test.left.type !== "Identifier" || test.left.name !== v) return null;
  const u = s.update;
  let step: number | null = null;
  if (u?.type === "UpdateExpression" && u.argument.name === v) step = u.operator === "++" ? 1 : -1;
  if (u?.type === "AssignmentExpression" && u.left.name === v && u.right.type === "Literal" && typeof u.right.value === "number") {
    step = u.operator === "+=" ? u.right.value : u.operator === "-=" ? -u.right.value : null;
  }
  if (step === null || assigns(s.body, v)) return null;
  const from = t.expr(init.declarations[0].init);
  const to = t.expr(test.right);
  const op = test.operator;
  let end: string;
  if ((op === "<" && step > 0) || (op === ">" && step < 0)) end = to;
  else if (op === "<=" && step > 0) end = /^\d+$/.test(to) ? String(Number(to) + 1) : `${t.atom(test.right)} + 1`;
  else if (op === ">=" && step < 0) end = /^\d+$/.test(to) ? String(Number(to) - 1) : `${t.atom(test.right)} - 1`;
  else return null;
  const name = pyVar(v);
  t.ctx.declare(name);
  const range = step === 1 ? (from === "0" ? `range(${end})` : `range(${from}, ${end})`) : `range(${from}, ${end}, ${step})`;
  return { name, range };
}

function assigns(n: Node, v: string): boolean {
  if (!n || typeof n !== "object") return false;
  if (Array.isArray(n)) return n.some((x) => assigns(x, v));
  if (n.type === "AssignmentExpression" && n.left.type === "Identifier" && n.left.name === v) return true;
  if (n.type === "UpdateExpression" && n.argument.type === "Identifier" && n.argument.name === v) return true;
  return Object.entries(n).some(([k, x]) => k !== "loc" && typeof x === "object" && assigns(x, v));
}

function hasContinue(n: Node): boolean {
  if (!n || typeof n !== "object") return false;
  if (n.type === "ContinueStatement") return true;
  if (/^(For|ForOf|ForIn|While|DoWhile)Statement$|Function/.test(n.type ?? "")) return false;
  return Object.values(n).some((v) => (Array.isArray(v) ? v.some(hasContinue) : typeof v === "object" && hasContinue(v)));
}

function forEachLoop(t: T, call: Node, ind: string): string[] | null {
  const fn = call.arguments[0];
  if (!isFn(fn) || fn.params.length > 2 || fn.async) return null;
  const item = fn.params[0] ? t.target(fn.params[0], true) : "_";
  const src = t.expr(call.callee.object);
  const head = fn.params.length === 2 ? `for ${t.target(fn.params[1], true)}, ${paren(item)} in enumerate(${src}):` : `for ${item} in ${src}:`;
  return [`${ind}${head}`, ...t.block(fn.body.type === "BlockStatement" ? fn.body : { type: "ExpressionStatement", expression: fn.body, start: fn.body.start, end: fn.body.end, loc: fn.body.loc }, ind + IND)];
}

function expressionStatement(t: T, s: Node, ind: string): string[] {
  const e = unwrapAwait(s.expression);
  if (e.type === "CallExpression" && e.callee.type === "Identifier" && !t.ctx.userCallables.has(e.callee.name)) {
    const name = e.callee.name as string;
    if (name === NO_GRAD && isFn(e.arguments[0])) {
      const body = e.arguments[0].body;
      return [`${ind}with torch.no_grad():`, ...t.block(body.type === "BlockStatement" ? body : { ...s, expression: body }, ind + IND)];
    }
    const b = BUILTINS[name];
    if (b?.kind === "comment") {
      const { source } = t.ctx.quote(s);
      return [`${ind}# ${source}`, `${ind}#   In the browser, ${name} ${b.did}.`];
    }
  }
  if (e.type === "CallExpression" && e.callee.type === "MemberExpression" && !e.callee.computed) {
    const m = e.callee.property.name;
    if (m === "forEach") {
      const loop = forEachLoop(t, e, ind);
      if (loop) return loop;
    }
    if (m === "set" && e.arguments.length === 2) return [`${ind}${t.atom(e.callee.object)}[${t.expr(e.arguments[0])}] = ${t.expr(e.arguments[1])}`];
    if (m === "sort" && e.arguments.length <= 1) {
      const sorted = t.expr(e);
      return [`${ind}${t.atom(e.callee.object)}[:] = ${sorted}`];
    }
  }
  if (e.type === "AssignmentExpression") return maybeNoGrad(t, ind, (i) => assignment(t, e, i));
  if (e.type === "UpdateExpression") {
    if (e.argument.type === "Identifier") t.ctx.assign(pyVar(e.argument.name));
    return [`${ind}${t.expr(e.argument)} ${e.operator === "++" ? "+=" : "-="} 1`];
  }
  return maybeNoGrad(t, ind, (i) => [`${i}${t.expr(e)}`]);
}

function assignment(t: T, e: Node, ind: string): string[] {
  if (e.left.type === "ObjectPattern") return objectUnpack(t, e.left, e.right, ind, false);
  const value = t.expr(e.right);
  const target = e.left.type === "Identifier" || e.left.type === "ArrayPattern" ? t.target(e.left, false) : t.expr(e.left);
  if (e.operator === "||=" || e.operator === "??=") return [`${ind}if ${e.operator === "||=" ? `not ${target}` : `${target} is None`}:`, `${ind}${IND}${target} = ${value}`];
  if (!["=", "+=", "-=", "*=", "/=", "%=", "**="].includes(e.operator)) throw new CannotTranslate(e, `the ${e.operator} operator`);
  return [`${ind}${target} ${e.operator} ${value}`];
}

export function statement(t: T, s: Node, ind: string): string[] {
  switch (s.type) {
    case "VariableDeclaration":
      return declaration(t, s, ind);
    case "ExpressionStatement":
      return expressionStatement(t, s, ind);
    case "EmptyStatement":
      return [];
    case "BlockStatement":
      return s.body.length ? t.block(s, ind) : [];
    case "FunctionDeclaration": {
      const name = pyVar(s.id.name);
      t.ctx.declare(name);
      t.ctx.userCallables.add(s.id.name);
      return t.def(name, s, ind);
    }
    case "ReturnStatement":
      return maybeNoGrad(t, ind, (i) => [`${i}return${s.argument ? " " + t.expr(s.argument) : ""}`]);
    case "IfStatement": {
      const out = [`${ind}if ${t.expr(s.test)}:`, ...t.block(s.consequent, ind + IND)];
      let alt = s.alternate;
      while (alt?.type === "IfStatement") {
        out.push(`${ind}elif ${t.expr(alt.test)}:`, ...t.block(alt.consequent, ind + IND));
        alt = alt.alternate;
      }
      if (alt) out.push(`${ind}else:`, ...t.block(alt, ind + IND));
      return out;
    }
    case "ForOfStatement": {
      const left = s.left.type === "VariableDeclaration" ? s.left.declarations[0].id : s.left;
      const iter = t.expr(s.right);
      return [`${ind}for ${t.target(left, s.left.type === "VariableDeclaration")} in ${iter}:`, ...t.block(s.body, ind + IND)];
    }
    case "ForInStatement": {
      const left = s.left.type === "VariableDeclaration" ? s.left.declarations[0].id : s.left;
      return [`${ind}for ${t.target(left, true)} in ${t.expr(s.right)}:`, ...t.block(s.body, ind + IND)];
    }
    case "ForStatement": {
      const counted = countedRange(t, s);
      if (counted) return [`${ind}for ${counted.name} in ${counted.range}:`, ...t.block(s.body, ind + IND)];
      if (hasContinue(s.body)) throw new CannotTranslate(s, "a for(;;) loop that is not a plain count and uses continue");
      const init = s.init ? (s.init.type === "VariableDeclaration" ? declaration(t, s.init, ind) : expressionStatement(t, { type: "ExpressionStatement", expression: s.init }, ind)) : [];
      const update = s.update ? expressionStatement(t, { type: "ExpressionStatement", expression: s.update }, ind + IND) : [];
      return [...init, `${ind}while ${s.test ? t.expr(s.test) : "True"}:`, ...t.block(s.body, ind + IND), ...update];
    }
    case "WhileStatement":
      return [`${ind}while ${t.expr(s.test)}:`, ...t.block(s.body, ind + IND)];
    case "DoWhileStatement":
      return [`${ind}while True:`, ...t.block(s.body, ind + IND), `${ind}${IND}if not ${t.atom(s.test)}:`, `${ind}${IND}${IND}break`];
    case "BreakStatement":
    case "ContinueStatement":
      if (s.label) throw new CannotTranslate(s, "labelled break/continue");
      return [`${ind}${s.type === "BreakStatement" ? "break" : "continue"}`];
    case "ThrowStatement":
      return [`${ind}raise ${t.expr(s.argument)}`];
    case "TryStatement": {
      const out = [`${ind}try:`, ...t.block(s.block, ind + IND)];
      if (s.handler) {
        const name = s.handler.param ? pyVar(s.handler.param.name) : null;
        if (name) t.ctx.declare(name);
        out.push(`${ind}except Exception${name ? ` as ${name}` : ""}:`, ...t.block(s.handler.body, ind + IND));
      }
      if (s.finalizer) out.push(`${ind}finally:`, ...t.block(s.finalizer, ind + IND));
      return out;
    }
    case "ClassDeclaration":
      return t.def(pyVar(s.id.name), s, ind);
    case "ImportDeclaration":
      return [`${ind}# ${t.ctx.quote(s).source}  (Gradbook's API: the Python imports at the top cover it)`];
    default:
      throw new CannotTranslate(s, `${s.type.replace(/Statement$|Declaration$/, " $&").toLowerCase().trim()} is not translated`);
  }
}
