// The kernel's shared scope: user variables on top, the gradbook API and kernel builtins in its prototype.
import { checkInterrupt } from "../../lib/interrupt";
import type { CellRuntime } from "../compiler/compile-cell";
import { LoopMemory } from "../compiler/loop-memory";
import { operators } from "../compiler/operators";
import { IMPORT_HINT } from "../compiler/rewrite-top-level";

/** Mirrors Python's ImportError. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

export interface KernelScope {
  /** The `with` object cells run in: own properties are the user's variables. */
  vars: Record<string, unknown>;
  /** API + builtins (the prototype of `vars`): what `import … from "gradbook"` reads. */
  exports: Record<string, unknown>;
  /** Top-level names in the order cells last (re)defined them, most recent last. */
  assignmentOrder: string[];
}

/**
 * Null prototypes all the way down: a cell's `toString` or `constructor` must not resolve to
 * Object.prototype's, and user names shadow API names.
 */
export function createScope(api: Record<string, unknown>, builtins: Record<string, unknown>): KernelScope {
  const exports = Object.assign(Object.create(null) as Record<string, unknown>, api, builtins);
  const vars = Object.create(exports) as Record<string, unknown>;
  return { vars, exports, assignmentOrder: [] };
}

/** Records that a run (re)defined `names`, for "the most recently assigned model". */
export function noteAssigned(scope: KernelScope, names: readonly string[]): void {
  const set = new Set(names);
  scope.assignmentOrder = scope.assignmentOrder.filter((n) => !set.has(n)).concat(names);
}

/** User variables, most recently assigned first. */
export function* recentVars(scope: KernelScope): Generator<[string, unknown]> {
  for (let i = scope.assignmentOrder.length - 1; i >= 0; i--) {
    const name = scope.assignmentOrder[i];
    if (Object.prototype.hasOwnProperty.call(scope.vars, name)) yield [name, scope.vars[name]];
  }
}

const memories = new WeakMap<KernelScope, LoopMemory>();

/** The loop frames of a kernel; their roots include every top-level variable of its cells. */
function loopMemory(scope: KernelScope): LoopMemory {
  let m = memories.get(scope);
  if (!m) {
    m = new LoopMemory(() => scope.vars);
    memories.set(scope, m);
  }
  return m;
}

/** What compiled cell code calls: `declare` for top-level names, `importFrom` for `from "gradbook…"`. */
export function cellRuntime(scope: KernelScope): CellRuntime {
  return {
    tick(frame, roots) {
      checkInterrupt();
      if (frame) frame.tick(roots ?? []);
    },
    loop: (outer) => loopMemory(scope).open(outer),
    op: operators,
    declare(names) {
      for (const n of names) {
        if (!Object.prototype.hasOwnProperty.call(scope.vars, n)) scope.vars[n] = undefined;
      }
    },
    importFrom(spec, names) {
      const mod = resolveModule(scope.exports, spec);
      for (const n of names) {
        if (!(n in mod)) {
          const available = Object.keys(mod).sort().join(", ");
          throw new ImportError(`"${spec}" has no export named "${n}"; it has: ${available}`);
        }
      }
      return mod;
    },
  };
}

function resolveModule(exports: Record<string, unknown>, spec: string): Record<string, unknown> {
  if (spec === "gradbook") return exports;
  const sub = spec.slice("gradbook/".length);
  const mod = Object.prototype.hasOwnProperty.call(exports, sub) ? exports[sub] : undefined;
  if ((typeof mod === "object" || typeof mod === "function") && mod !== null) {
    return mod as Record<string, unknown>;
  }
  throw new ImportError(`There is no module "${spec}". ${IMPORT_HINT}`);
}
