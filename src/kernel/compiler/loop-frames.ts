// Which loops of a cell get a memory frame (loop-memory.ts), and the outer variables each iteration's tick passes as roots.
import type { Node, Pattern, Program } from "acorn";
import { boundNames } from "./rewrite-top-level";

export const LOOPS = new Set(["WhileStatement", "DoWhileStatement", "ForStatement", "ForInStatement", "ForOfStatement"]);
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

interface AnyNode extends Node {
  [key: string]: unknown;
}

/** How one loop is compiled: `{const F = __gb.loop(outer); try { LOOP } finally { F.end(); }}` with `__gb.tick(F, [roots])`. */
export interface LoopPlan {
  frame: string;
  /** Contains another loop: collects at every iteration (an inner loop collects in batches). */
  outer: boolean;
  /** Outer variables the body uses: what the loop's iterations may leave tensors in. */
  roots: string[];
  /** Where the wrapper opens: the loop, or its outermost label (`continue label` must still name a loop). */
  wrapStart: number;
  end: number;
}

/**
 * Plans for every loop that can hold a frame. Loops that `await` or `yield` in their own body get none: while they
 * are suspended other code runs, and its tensors must not be judged by this loop's roots.
 */
export function planLoops(program: Program): Map<Node, LoopPlan> {
  const parents = new Map<Node, AnyNode>();
  const all: AnyNode[] = [];
  walk(program as unknown as AnyNode, null, (n, parent) => {
    if (parent) parents.set(n, parent);
    all.push(n);
  });
  const top = new Set<Node>(program.body as Node[]);
  const locals = new Set<string>();
  for (const n of all) {
    if (n.type === "VariableDeclaration" && !top.has(n)) {
      for (const d of n.declarations as Array<{ id: Pattern }>) for (const name of boundNames(d.id)) locals.add(name);
    } else if (FUNCTIONS.has(n.type)) {
      for (const p of n.params as Pattern[]) for (const name of boundNames(p)) locals.add(name);
      if (n.type === "FunctionDeclaration" && !top.has(n) && n.id) locals.add((n.id as { name: string }).name);
    } else if (n.type === "CatchClause" && n.param) {
      for (const name of boundNames(n.param as Pattern)) locals.add(name);
    }
  }

  const plans = new Map<Node, LoopPlan>();
  let count = 0;
  for (const loop of all) {
    if (!LOOPS.has(loop.type) || loop.await) continue;
    const inside = ownNodes(loop);
    if (inside.some((n) => n.type === "AwaitExpression" || n.type === "YieldExpression")) continue;
    const bodyDeclared = new Set<string>();
    for (const n of allNodes(loop.body as AnyNode)) {
      if (n.type === "VariableDeclaration" && n.kind !== "var") {
        for (const d of n.declarations as Array<{ id: Pattern }>) for (const name of boundNames(d.id)) bodyDeclared.add(name);
      } else if ((n.type === "ClassDeclaration" || n.type === "FunctionDeclaration") && n.id) {
        bodyDeclared.add((n.id as { name: string }).name);
      }
    }
    const roots = new Set<string>();
    for (const n of allNodes(loop)) {
      if (n.type !== "Identifier" || !isReference(n, parents.get(n))) continue;
      const name = n.name as string;
      if (locals.has(name) && !bodyDeclared.has(name)) roots.add(name);
    }
    const usesThis = inside.some((n) => n.type === "ThisExpression") && inMethod(loop, parents);
    let wrapStart = loop.start;
    for (let p = parents.get(loop); p && p.type === "LabeledStatement"; p = parents.get(p)) wrapStart = p.start;
    plans.set(loop, {
      frame: `__lf${++count}`,
      outer: allNodes(loop.body as AnyNode).some((n) => LOOPS.has(n.type)),
      roots: [...(usesThis ? ["this"] : []), ...roots],
      wrapStart,
      end: loop.end,
    });
  }
  return plans;
}

/** `__gb.tick(__lf1, [a, b]);`: names read through typeof so one that is not declared here reads as undefined. */
export function tickText(plan: LoopPlan): string {
  const roots = plan.roots.map((r) => (r === "this" ? "this" : `typeof ${r} === "undefined" ? void 0 : ${r}`));
  return `__gb.tick(${plan.frame}, [${roots.join(", ")}]);`;
}

export function openText(plan: LoopPlan): string {
  return `{const ${plan.frame} = __gb.loop(${plan.outer}); try {`;
}

export function closeText(plan: LoopPlan): string {
  return `} finally { ${plan.frame}.end(); }}`;
}

function isReference(n: AnyNode, parent: AnyNode | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case "MemberExpression":
      return parent.property !== n || Boolean(parent.computed);
    case "Property":
    case "PropertyDefinition":
    case "MethodDefinition":
      return parent.key !== n || Boolean(parent.computed) || Boolean(parent.shorthand);
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
    case "MetaProperty":
      return false;
    default:
      return true;
  }
}

/** True when `this` in the loop is a function's (a method or function), not the cell's. */
function inMethod(loop: Node, parents: Map<Node, AnyNode>): boolean {
  for (let p = parents.get(loop); p; p = parents.get(p)) {
    if (p.type === "FunctionDeclaration" || p.type === "FunctionExpression") return true;
  }
  return false;
}

/** Nodes of `root` outside nested functions (what runs in the loop's own activation). */
function ownNodes(root: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  walk(root, null, (n) => out.push(n), (n) => n !== root && FUNCTIONS.has(n.type));
  return out;
}

function allNodes(root: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  walk(root, null, (n) => out.push(n));
  return out;
}

/** Pre-order walk; `skip` prunes a subtree (its root is still visited). */
function walk(root: AnyNode, parent: AnyNode | null, f: (n: AnyNode, parent: AnyNode | null) => void, skip?: (n: AnyNode) => boolean): void {
  const stack: Array<[AnyNode, AnyNode | null]> = [[root, parent]];
  while (stack.length > 0) {
    const [n, p] = stack.pop()!;
    f(n, p);
    if (skip?.(n)) continue;
    for (const key of Object.keys(n)) {
      if (key === "loc") continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) stack.push([c, n]);
      } else if (isNode(v)) {
        stack.push([v, n]);
      }
    }
  }
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string" && "start" in v;
}
