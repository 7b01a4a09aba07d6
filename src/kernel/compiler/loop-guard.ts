// Loop guards: every loop body in a cell calls `__gb.tick()` first, so Interrupt stops even `while (true) {}`.
import type { Node, Program } from "acorn";
import { closeText, LOOPS, openText, tickText, type LoopPlan } from "./loop-frames";
import type { RankedEdit } from "./operator-transform";
import type { Edit } from "./position-map";

/** The call inserted at the top of each loop body (one line, so cell lines never move). */
export const TICK = "__gb.tick();";

/**
 * Insert-only edits (start === end) that put a tick at the top of every loop body, nested functions included.
 * A body that is not a block gets braces: `while (c) f();` → `while (c) {__gb.tick();f();}`.
 * Insertions never fall inside the ranges the top-level rewrite replaces (keywords, `;`, imports).
 */
export function loopGuardEdits(program: Program, plans?: Map<Node, LoopPlan>): RankedEdit[] {
  const edits: RankedEdit[] = [];
  let depth = 0;
  walk(program, (node) => {
    if (!LOOPS.has(node.type)) return;
    const body = (node as Node & { body: Node }).body;
    const plan = plans?.get(node);
    const tick = plan ? tickText(plan) : TICK;
    // Openings at one offset go outermost first, closings innermost first (a loop that is another loop's body).
    const d = ++depth;
    if (plan) {
      edits.push({ start: plan.wrapStart, end: plan.wrapStart, text: openText(plan), rank: 2, key: d });
      // After the body's own closing brace when both end here (a body that is one statement).
      edits.push({ start: plan.end, end: plan.end, text: closeText(plan), rank: 2, key: -d + 0.5 });
    }
    if (body.type === "BlockStatement") {
      edits.push({ start: body.start + 1, end: body.start + 1, text: tick, rank: 2, key: d });
    } else {
      edits.push({ start: body.start, end: body.start, text: `{${tick}`, rank: 2, key: d });
      edits.push({ start: body.end, end: body.end, text: "}", rank: 2, key: -d });
    }
  });
  return edits.sort((a, b) => a.start - b.start || a.key - b.key);
}

/** Visits every AST node (acorn nodes are plain objects whose children are nodes or arrays of nodes). */
function walk(node: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    for (const key of Object.keys(n)) {
      if (key === "loc") continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) stack.push(c);
      } else if (isNode(v)) {
        stack.push(v);
      }
    }
  }
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string" && "start" in v;
}

/**
 * Merges the top-level rewrite (rank 1), insert-only guard edits (rank 2) and ranked operator edits into one sorted
 * list. At one offset: operator calls close first (innermost first), then the rewrite's splices, then guards, then
 * operator calls open (outermost first), then operator tokens are replaced.
 */
export function mergeEdits(rewrite: readonly Edit[], guards: readonly Edit[], ops: readonly RankedEdit[] = []): Edit[] {
  const tagged = [
    ...rewrite.map((e, i) => ({ e, rank: 1, key: 0, i })),
    ...guards.map((e, i) => ({ e, rank: 2, key: "key" in e ? (e as RankedEdit).key : 0, i })),
    ...ops.map((e, i) => ({ e, rank: e.rank, key: e.key, i })),
  ];
  tagged.sort((a, b) => a.e.start - b.e.start || a.rank - b.rank || a.key - b.key || a.i - b.i);
  return tagged.map((t) => ({ start: t.e.start, end: t.e.end, text: t.e.text }));
}
