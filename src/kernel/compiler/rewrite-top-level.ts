// Rewrites a cell's top level so its names live in the shared kernel scope (like a Jupyter kernel's globals).
import type {
  ClassDeclaration,
  Declaration,
  ImportDeclaration,
  ModuleDeclaration,
  Pattern,
  Program,
  Statement,
  VariableDeclaration,
} from "acorn";
import { keepLines, type Edit } from "./position-map";

/** What the splicer did to one cell. */
export interface TopLevelRewrite {
  /** Sorted, non-overlapping splices on the type-stripped JS; none changes the line count. */
  edits: Edit[];
  /** Names the cell binds at top level (imports, const/let/var, classes), created in the scope before the body runs. */
  declared: string[];
  /** Top-level function declarations: hoisted, copied into the scope before the body runs. */
  functions: string[];
  /** The cell ends with an expression whose value is shown (Jupyter's Out[n]). */
  hasResult: boolean;
}

/** A user mistake found while rewriting (bad import, export); `pos` is an offset into the JS. */
export class CellRewriteError extends Error {
  constructor(
    readonly ename: string,
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

export const IMPORT_HINT =
  'Cells can only import from "gradbook"; the whole API is already in scope: ' +
  "torch, nn, F, optim, DataLoader, datasets, transforms";

/** True for "gradbook" and "gradbook/…". */
export function isGradbookModule(spec: string): boolean {
  return spec === "gradbook" || spec.startsWith("gradbook/");
}

export function rewriteTopLevel(js: string, program: Program): TopLevelRewrite {
  const edits: Edit[] = [];
  const declared: string[] = [];
  const functions: string[] = [];
  const body = program.body;

  body.forEach((node, i) => {
    const isLast = i === body.length - 1;
    rewriteStatement(js, node, isLast, { edits, declared, functions });
  });

  const last = body[body.length - 1];
  const hasResult = last?.type === "ExpressionStatement" && last.expression.type !== "AssignmentExpression";
  return { edits, declared: unique(declared), functions: unique(functions), hasResult };
}

interface Acc {
  edits: Edit[];
  declared: string[];
  functions: string[];
}

function rewriteStatement(js: string, node: Statement | ModuleDeclaration, isLast: boolean, acc: Acc): void {
  switch (node.type) {
    case "ImportDeclaration":
      rewriteImport(js, node, acc);
      return;
    case "ExportNamedDeclaration":
      if (!node.declaration) throw exportError(node.start);
      // `export const x = 1` in a cell: drop the keyword, keep the declaration.
      acc.edits.push(keepLines(js, node.start, node.declaration.start, ""));
      rewriteDeclaration(js, node.declaration, acc);
      return;
    case "ExportDefaultDeclaration":
    case "ExportAllDeclaration":
      throw exportError(node.start);
    case "VariableDeclaration":
    case "ClassDeclaration":
    case "FunctionDeclaration":
      rewriteDeclaration(js, node, acc);
      return;
    case "ExpressionStatement":
      if (isLast && node.expression.type !== "AssignmentExpression") {
        // The statement's bounds, not the expression's: `({ a: 1 })` has its expression inside the parentheses.
        // Wrapped in an array so a returned Promise is shown as a Promise, not silently awaited.
        const end = js[node.end - 1] === ";" ? node.end - 1 : node.end;
        acc.edits.push({ start: node.start, end: node.start, text: "return [(" });
        acc.edits.push({ start: end, end, text: ")]" });
      }
      return;
    default:
      return; // Blocks, loops, ifs…: what they declare stays local to them.
  }
}

function exportError(pos: number): CellRewriteError {
  return new CellRewriteError(
    "SyntaxError",
    "Cells don't export: what a cell defines at top level is already visible to the cells after it; remove `export`",
    pos,
  );
}

function rewriteDeclaration(js: string, node: Declaration, acc: Acc): void {
  if (node.type === "FunctionDeclaration") {
    acc.functions.push(node.id.name);
  } else if (node.type === "ClassDeclaration") {
    rewriteClass(node, acc);
  } else {
    rewriteVariables(js, node, acc);
  }
}

/** `class X {…}` → `;X = class X {…};` (the scope keeps the class; re-running redefines it). */
function rewriteClass(node: ClassDeclaration, acc: Acc): void {
  const name = node.id.name;
  acc.declared.push(name);
  acc.edits.push({ start: node.start, end: node.start, text: `;${name} = ` });
  acc.edits.push({ start: node.end, end: node.end, text: ";" });
}

/** `const {a, b: [c]} = v, d = 1;` → `;({a, b: [c]} = v, d = 1);` assigning into the scope. */
function rewriteVariables(js: string, node: VariableDeclaration, acc: Acc): void {
  if (node.kind !== "var" && node.kind !== "let" && node.kind !== "const") return; // `using`: block-scoped on purpose
  const decls = node.declarations;
  const first = decls[0];
  const lastDecl = decls[decls.length - 1];
  acc.edits.push(keepLines(js, node.start, first.start, ";("));
  for (const d of decls) {
    const names = boundNames(d.id);
    acc.declared.push(...names);
    if (d.init) continue;
    // `let x;` resets x like re-running Python's `x = None`; a bare `var x;` keeps the old value, as in JS.
    const text = node.kind === "var" ? "void 0" : names.map((n) => `${n} = undefined`).join(", ");
    acc.edits.push(keepLines(js, d.start, d.end, text));
  }
  acc.edits.push(keepLines(js, lastDecl.end, node.end, ");"));
}

/** Every identifier a binding pattern introduces. */
export function boundNames(p: Pattern): string[] {
  switch (p.type) {
    case "Identifier":
      return [p.name];
    case "ObjectPattern":
      return p.properties.flatMap((prop) => boundNames(prop.type === "RestElement" ? prop.argument : prop.value));
    case "ArrayPattern":
      return p.elements.flatMap((e) => (e ? boundNames(e) : []));
    case "RestElement":
      return boundNames(p.argument);
    case "AssignmentPattern":
      return boundNames(p.left);
    case "MemberExpression":
      return [];
  }
}

/** `import { nn, optim as o } from "gradbook"` → `;({"nn": nn, "optim": o} = __gb.importFrom("gradbook", ["nn","optim"]));` */
function rewriteImport(js: string, node: ImportDeclaration, acc: Acc): void {
  const spec = String(node.source.value);
  if (!isGradbookModule(spec)) {
    throw new CellRewriteError("ImportError", `${IMPORT_HINT} (got "${spec}")`, node.start);
  }
  const named: string[] = [];
  const importedNames: string[] = [];
  const parts: string[] = [];
  const from = (names: string[]) => `__gb.importFrom(${JSON.stringify(spec)}, ${JSON.stringify(names)})`;
  for (const s of node.specifiers) {
    acc.declared.push(s.local.name);
    if (s.type === "ImportSpecifier") {
      const imported = s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
      importedNames.push(imported);
      named.push(`${JSON.stringify(imported)}: ${s.local.name}`);
    } else {
      // Default and namespace imports both get the whole API object.
      parts.push(`${s.local.name} = ${from([])}`);
    }
  }
  if (named.length > 0) parts.push(`{${named.join(", ")}} = ${from(importedNames)}`);
  if (parts.length === 0) parts.push(from([]));
  acc.edits.push(keepLines(js, node.start, node.end, parts.map((p) => `;(${p});`).join(" ")));
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
