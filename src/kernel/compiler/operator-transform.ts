// Tensor operators in cells: `a * b`, `-x`, `a < b`, `w -= lr * g`… become calls on `__op` (see operators.ts).
import type { AssignmentExpression, BinaryExpression, Node, Pattern, Program, UnaryExpression } from "acorn";
import { boundNames } from "./rewrite-top-level";
import type { Edit } from "./position-map";

/** Compiled cells call `__op_add(a, b)`…: block-scoped consts set from `__gb.op` by the cell prologue. */
export const OP = "__op";

export const BINARY_OPS: Readonly<Record<string, string>> = {
  "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "**": "pow",
  "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne",
};
export const COMPOUND_OPS: Readonly<Record<string, string>> = {
  "+=": "iadd", "-=": "isub", "*=": "imul", "/=": "idiv", "%=": "imod", "**=": "ipow",
};
const RUNTIME_NAMES = [
  ...Object.values(BINARY_OPS), "neg",
  ...Object.values(COMPOUND_OPS), ...Object.values(COMPOUND_OPS).map((n) => `${n}At`),
];

/** `const {add: __op_add, …} = __gb.op;` (one line: cell lines never move). */
export function operatorPrologue(): string {
  return `const {${RUNTIME_NAMES.map((n) => `${n}: ${OP}_${n}`).join(", ")}} = __gb.op;`;
}

const COMPARISONS = new Set(["<", "<=", ">", ">=", "==", "!="]);

/**
 * An operator edit with its place among edits at the same offset: `rank` 0 closes a call (innermost first),
 * 3 opens one (outermost first), 4 replaces an operator token; the top-level rewrite is 1, loop guards 2.
 */
export interface RankedEdit extends Edit {
  rank: number;
  key: number;
}

interface AnyNode extends Node {
  [key: string]: unknown;
}

/**
 * Edits that turn operator expressions into `__op.<name>(…)` calls, keeping every line where it was.
 * Left alone: `===`/`!==`, logical and bitwise operators, `++`/`--`, constant folding of number literals,
 * `+` and comparisons with a string literal or template operand, `== null`.
 */
export function operatorEdits(js: string, program: Program): RankedEdit[] {
  const edits: RankedEdit[] = [];
  const consts = localConstNames(program);
  const tests = new Set<Node>();
  const open = (at: number, text: string, end: number) => edits.push({ start: at, end: at, text, rank: 3, key: -end });
  const close = (at: number, text: string, start: number) => edits.push({ start: at, end: at, text, rank: 0, key: -start });
  const replace = (start: number, end: number, text: string) => edits.push({ start, end, text, rank: 4, key: 0 });

  visit(program as unknown as AnyNode, (node) => {
    markTests(node, tests);
    if (node.type === "BinaryExpression") {
      const n = node as unknown as BinaryExpression;
      const name = BINARY_OPS[n.operator];
      if (!name || plainBinary(n)) return;
      const at = findToken(js, n.left.end, n.right.start, n.operator);
      open(n.start, `${OP}_${name}(`, n.end);
      replace(at, at + n.operator.length, ",");
      close(n.end, COMPARISONS.has(n.operator) && tests.has(node) ? ", 1)" : ")", n.start);
    } else if (node.type === "UnaryExpression") {
      const n = node as unknown as UnaryExpression;
      if (n.operator !== "-" || isNumberLiteral(n.argument)) return;
      replace(n.start, n.start + 1, `${OP}_neg(`);
      close(n.end, ")", n.start);
    } else if (node.type === "AssignmentExpression") {
      compound(js, node as unknown as AssignmentExpression, consts, { open, close, replace });
    }
  });
  return edits;
}

interface Emit {
  open(at: number, text: string, end: number): void;
  close(at: number, text: string, start: number): void;
  replace(start: number, end: number, text: string): void;
}

/** `x -= e` → `x = __op.isub(x, e)`; a local const → `__op.isub(x, e, 1)`; `o.p -= e` → `__op.isubAt(o, "p", e)`. */
function compound(js: string, n: AssignmentExpression, consts: Set<string>, emit: Emit): void {
  const name = COMPOUND_OPS[n.operator];
  if (!name) return;
  const target = n.left as Pattern;
  const at = findToken(js, target.end, n.right.start, n.operator);
  if (target.type === "Identifier") {
    if (consts.has(target.name)) {
      emit.open(n.start, `${OP}_${name}(`, n.end);
      emit.replace(at, at + n.operator.length, ",");
      emit.close(n.end, ", 1)", n.start);
    } else {
      emit.replace(at, at + n.operator.length, `= ${OP}_${name}(${target.name},`);
      emit.close(n.end, ")", n.start);
    }
    return;
  }
  if (target.type !== "MemberExpression" || target.object.type === "Super" || target.property.type === "PrivateIdentifier") {
    return;
  }
  emit.open(n.start, `${OP}_${name}At(`, n.end);
  if (target.computed) {
    const lb = findToken(js, target.object.end, target.property.start, "[");
    const rb = findToken(js, target.property.end, at, "]");
    emit.replace(lb, lb + 1, ",");
    emit.replace(rb, rb + 1, "");
  } else {
    const dot = findToken(js, target.object.end, target.property.start, ".");
    emit.replace(dot, dot + 1, ', "');
    emit.close(target.property.end, '"', target.property.start);
  }
  emit.replace(at, at + n.operator.length, ",");
  emit.close(n.end, ")", n.start);
}

/** Cases that can never involve a Tensor (or where JavaScript's meaning must win), compiled as written. */
function plainBinary(n: BinaryExpression): boolean {
  const l = n.left as Node;
  const r = n.right as Node;
  if (isConstNumber(l) && isConstNumber(r)) return true;
  if (n.operator === "+" || COMPARISONS.has(n.operator)) {
    if (isStringish(l) || isStringish(r)) return true;
  }
  if (n.operator === "==" || n.operator === "!=") {
    if (isNullish(l) || isNullish(r)) return true;
  }
  return false;
}

function isNumberLiteral(n: Node): boolean {
  const x = n as AnyNode;
  if (x.type === "Literal") return typeof x.value === "number" || typeof x.value === "bigint";
  return x.type === "UnaryExpression" && x.operator === "-" && isNumberLiteral(x.argument as Node);
}

/** Number literals and arithmetic on them only (`2 * -3`), which no Tensor can enter. */
function isConstNumber(n: Node): boolean {
  const x = n as AnyNode;
  if (x.type === "BinaryExpression") return (x.operator as string) in BINARY_OPS && !COMPARISONS.has(x.operator as string) && isConstNumber(x.left as Node) && isConstNumber(x.right as Node);
  return isNumberLiteral(n);
}

function isStringish(n: Node): boolean {
  const x = n as AnyNode;
  return (
    (x.type === "Literal" && typeof x.value === "string") ||
    x.type === "TemplateLiteral" ||
    (x.type === "UnaryExpression" && x.operator === "typeof")
  );
}

function isNullish(n: Node): boolean {
  const x = n as AnyNode;
  return (x.type === "Literal" && x.value === null) || (x.type === "Identifier" && x.name === "undefined");
}

/** Where a comparison's truth is what counts (`if`, loops, `?:`, `!`, `&&`/`||` there): a Tensor answers a boolean. */
function markTests(node: AnyNode, tests: Set<Node>): void {
  const t = node.test as Node | null | undefined;
  if (t && (node.type === "IfStatement" || node.type === "WhileStatement" || node.type === "DoWhileStatement" ||
    node.type === "ForStatement" || node.type === "ConditionalExpression")) {
    tests.add(t);
  }
  if (node.type === "UnaryExpression" && node.operator === "!") tests.add(node.argument as Node);
  if (node.type === "LogicalExpression" && tests.has(node)) {
    tests.add(node.left as Node);
    tests.add(node.right as Node);
  }
}

/**
 * Names declared `const` inside blocks or functions (top-level ones live in the kernel scope and can be assigned),
 * unless the same name is also bound by let/var/a parameter somewhere below the top level (then the plain form).
 */
function localConstNames(program: Program): Set<string> {
  const consts = new Set<string>();
  const others = new Set<string>();
  const top = new Set<Node>(program.body as Node[]);
  visit(program as unknown as AnyNode, (node) => {
    if (node.type === "VariableDeclaration" && !top.has(node)) {
      const names = (node.declarations as Array<{ id: Pattern }>).flatMap((d) => boundNames(d.id));
      for (const name of names) (node.kind === "const" ? consts : others).add(name);
    } else if (node.type.includes("Function")) {
      for (const p of node.params as Pattern[]) for (const name of boundNames(p)) others.add(name);
    } else if (node.type === "CatchClause" && node.param) {
      for (const name of boundNames(node.param as Pattern)) others.add(name);
    }
  });
  for (const n of others) consts.delete(n);
  return consts;
}

/**
 * The offset of `token` in `js[from, to)`, skipping the whitespace, parentheses and comments around operands.
 * Acorn gives node ranges, not operator positions, and `(a) /* x *\/ + b` has more than the operator between.
 */
export function findToken(js: string, from: number, to: number, token: string): number {
  let i = from;
  while (i < to) {
    if (js.startsWith("//", i)) {
      i = js.indexOf("\n", i);
      if (i < 0) break;
    } else if (js.startsWith("/*", i)) {
      i = js.indexOf("*/", i) + 2;
      if (i < 2) break;
    } else if (js.startsWith(token, i)) {
      return i;
    } else if (" \t\r\n()\u00a0\u2028\u2029\ufeff".includes(js[i])) {
      i++;
    } else {
      break;
    }
  }
  throw new Error(`operator transform: no "${token}" between offsets ${from} and ${to}`);
}

/** Pre-order walk over every acorn node (parents before children, so test positions are known first). */
function visit(root: AnyNode, f: (n: AnyNode) => void): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    f(n);
    const kids: AnyNode[] = [];
    for (const key of Object.keys(n)) {
      if (key === "loc") continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) kids.push(c);
      } else if (isNode(v)) {
        kids.push(v);
      }
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string" && "start" in v;
}
