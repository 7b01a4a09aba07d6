// One notebook cell of Gradbook TypeScript → Python lines: strip types (sucrase keeps line numbers), parse (acorn),
// then walk the statements with the translator's parts wired together here.
import { parse } from "acorn";
import { transform } from "sucrase";
import { call, member, newExpr } from "./calls";
import { CannotTranslate, Ctx, type Node, type T } from "./context";
import { atom, expr } from "./expressions";
import { callable, def } from "./functions";
import { isPyIdent, pyAttr, pyVar } from "./names";
import { block } from "./statements";

function target(t: T, n: Node, declare: boolean | null): string {
  switch (n.type) {
    case "Identifier": {
      const name = pyVar(n.name);
      if (declare === true) t.ctx.declare(name);
      else if (declare === false) t.ctx.assign(name);
      return name;
    }
    case "ArrayPattern": {
      const parts = n.elements.map((e: Node) => {
        if (e === null) return "_";
        if (e.type === "RestElement") return `*${target(t, e.argument, declare)}`;
        if (e.type === "ArrayPattern") return `(${target(t, e, declare)})`;
        return target(t, e, declare);
      });
      return parts.length === 1 ? `${parts[0]},` : parts.join(", ");
    }
    case "MemberExpression":
      return t.expr(n);
    default:
      throw new CannotTranslate(n, n.type === "ObjectPattern" ? "destructuring an object here" : "this assignment target");
  }
}

function args(t: T, list: Node[], kwargs: boolean): string {
  const out: string[] = [];
  list.forEach((a, i) => {
    const last = i === list.length - 1;
    if (a.type === "SpreadElement") out.push(`*${t.atom(a.argument)}`);
    else if (kwargs && last && a.type === "ObjectExpression" && a.properties.every((p: Node) => p.type === "SpreadElement" || (p.type === "Property" && !p.computed && isPyIdent(pyAttr(p.key.type === "Identifier" ? p.key.name : String(p.key.value)))))) {
      for (const p of a.properties) {
        if (p.type === "SpreadElement") out.push(`**${t.atom(p.argument)}`);
        else out.push(`${pyAttr(p.key.type === "Identifier" ? p.key.name : String(p.key.value))}=${t.callable(p.value, "fn")}`);
      }
    } else if (kwargs && last && a.type === "Identifier" && t.ctx.objectVars.has(a.name)) out.push(`**${pyVar(a.name)}`);
    else out.push(t.callable(a, "fn"));
  });
  return out.join(", ");
}

/** The translator over one notebook's context. */
export function makeTranslator(ctx: Ctx): T {
  const t: T = {
    ctx,
    expr: (n) => {
      switch (n.type) {
        case "CallExpression":
          if (n.optional) throw new CannotTranslate(n, "optional calls (?.())");
          return call(t, n);
        case "NewExpression":
          return newExpr(t, n);
        case "MemberExpression":
          return member(t, n);
        default:
          return expr(t, n);
      }
    },
    atom: (n) => atom(t, n),
    callable: (n, hint) => callable(t, n, hint),
    block: (body, ind) => block(t, body, ind),
    def: (name, fn, ind, method) => def(t, name, fn, ind, method),
    target: (n, declare) => target(t, n, declare),
    args: (list, kwargs) => args(t, list, kwargs),
  };
  return t;
}

/** TypeScript → JavaScript with the same line numbers (sucrase only blanks out types). */
export function stripTypes(source: string): string {
  return transform(source, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code;
}

/** One code cell as Python lines (at module level); problems are recorded in `ctx`. */
export function translateCell(t: T, source: string, cellNumber: number): string[] {
  const { ctx } = t;
  ctx.cell = cellNumber;
  ctx.lines = source.split("\n");
  ctx.comments = [];
  let program: Node;
  try {
    const js = stripTypes(source);
    program = parse(js, {
      ecmaVersion: "latest",
      sourceType: "module",
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
      onComment: (isBlock, text, start, end, startLoc) => {
        if (!(isBlock && text.startsWith("*"))) ctx.comments.push({ text, start, end, line: startLoc!.line });
        else ctx.comments.push({ text: text.replace(/^\*/, ""), start, end, line: startLoc!.line });
      },
    });
  } catch (e) {
    const m = /\((\d+):(\d+)\)/.exec((e as Error).message);
    const line = m ? Number(m[1]) : 1;
    return ctx.fail(new CannotTranslate({ loc: { start: { line } } }, `the cell does not parse: ${(e as Error).message}`), "");
  }
  return t.block(program.body, "");
}
