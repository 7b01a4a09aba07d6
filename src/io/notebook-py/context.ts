// The translator's state while it walks one notebook: where it is (cell, line), scopes, hoisted helpers, what failed.

/* eslint-disable @typescript-eslint/no-explicit-any -- acorn's ESTree nodes are read structurally */
export type Node = any;

/** One construct the exporter could not translate: where it is and the TypeScript it quotes. */
export interface Untranslatable {
  /** 1-based cell number as the notebook shows it (code and markdown cells counted). */
  cell: number;
  /** 1-based line inside the cell. */
  line: number;
  /** The TypeScript line, quoted. */
  source: string;
  /** Why it has no translation. */
  reason: string;
}

/** Thrown inside an expression; the statement translator turns it into a NotImplementedError line. */
export class CannotTranslate extends Error {
  constructor(
    readonly node: Node,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A Python scope: what it declares and assigns, so nested defs get `global` / `nonlocal` lines. */
export class Scope {
  readonly declared = new Set<string>();
  readonly assigned = new Set<string>();
  constructor(
    readonly kind: "module" | "function" | "class",
    readonly parent: Scope | null,
  ) {}

  /** The nearest function or module scope (class bodies do not hold variables for Python's closures). */
  owner(): Scope {
    return this.kind === "class" && this.parent ? this.parent.owner() : this;
  }
}

export class Ctx {
  readonly problems: Untranslatable[] = [];
  /** Python imports / prelude sections the program needs (`functools`, `mnist`, …). */
  readonly needs = new Set<string>();
  /** Comment lines to emit before the statement being translated (where PyTorch differs and what stands in). */
  notes: string[] = [];
  /** Lines to emit before the statement being translated (defs of block-bodied arrows). */
  pending: string[] = [];
  scope: Scope;
  readonly module: Scope;
  /** User classes (PascalCase names) that extend nn.Module. */
  readonly moduleClasses = new Set<string>();
  /** User functions and classes: their trailing options object stays a dict, not keyword arguments. */
  readonly userCallables = new Set<string>();
  /** Variables bound to an object literal (`const none = { reduction: "none" }`): spread as **kwargs into library calls. */
  readonly objectVars = new Set<string>();
  /** Depth inside class bodies (models built there are layers, not the model to train). */
  classDepth = 0;
  /** The quote for Python string literals: `'` inside f-strings (Python 3.11 cannot reuse the f-string's quote). */
  q: '"' | "'" = '"';
  /** Inside a statement that may become `with torch.no_grad():` (noGrad(() => e) then translates to e). */
  noGradInline = false;
  /** Set when a noGrad call was inlined, so the statement gets the with block. */
  noGradUsed = false;
  /** The cell's comments (acorn's onComment), emitted beside the statements they precede or follow. */
  comments: Array<{ text: string; start: number; end: number; line: number }> = [];
  /** Counter for hoisted helper names. */
  private fresh = 0;
  cell = 0;
  /** The cell's TypeScript lines, for quoting. */
  lines: string[] = [];

  constructor() {
    this.module = new Scope("module", null);
    this.scope = this.module;
  }

  freshName(base: string): string {
    this.fresh += 1;
    return `_${base}${this.fresh}`;
  }

  quote(node: Node): { line: number; source: string } {
    const line = node?.loc?.start?.line ?? 1;
    return { line, source: (this.lines[line - 1] ?? "").trim() };
  }

  /** Records an untranslatable construct; returns the Python that says so and raises. */
  fail(e: CannotTranslate, indent: string): string[] {
    const { line, source } = this.quote(e.node);
    this.problems.push({ cell: this.cell, line, source, reason: e.reason });
    const where = `cell ${this.cell}, line ${line}`;
    return [
      `${indent}# Gradbook could not translate this (${e.reason}):`,
      `${indent}#     ${source}`,
      `${indent}raise NotImplementedError(${JSON.stringify(`${where}: \`${source}\` has no Python translation (${e.reason}); translate it by hand`)})`,
    ];
  }

  declare(name: string): void {
    this.scope.owner().declared.add(name);
  }

  assign(name: string): void {
    this.scope.owner().assigned.add(name);
  }

  /** Runs `fn` in a new scope; returns its result and the `global` / `nonlocal` names it needs. */
  inScope<T>(kind: "function" | "class", params: string[], fn: () => T): { value: T; outer: string[] } {
    const saved = this.scope;
    const s = new Scope(kind, saved);
    params.forEach((p) => s.declared.add(p));
    this.scope = s;
    try {
      const value = fn();
      const outer: string[] = [];
      if (kind === "function") {
        for (const name of s.assigned) {
          if (s.declared.has(name)) continue;
          let up = s.parent?.owner() ?? null;
          while (up && !up.declared.has(name) && up.parent) up = up.parent.owner();
          if (!up) continue;
          outer.push(up.kind === "module" ? `global ${name}` : `nonlocal ${name}`);
        }
      }
      return { value, outer };
    } finally {
      this.scope = saved;
    }
  }
}

/** The translator's parts, wired together in translate.ts (each file takes this, so no file imports another's code). */
export interface T {
  readonly ctx: Ctx;
  /** A Python expression. */
  expr(n: Node): string;
  /** `expr`, parenthesised unless it is atomic (a name, call, subscript, literal). */
  atom(n: Node): string;
  /** A function value: a lambda where the body is one expression, else a def hoisted before the statement. */
  callable(n: Node, hint: string): string;
  /** Statements as indented Python lines (`pass` when empty). */
  block(body: Node | Node[], indent: string): string[];
  /** A def (or method, with self) from a FunctionDeclaration / FunctionExpression / ArrowFunctionExpression. */
  def(name: string, fn: Node, indent: string, method?: boolean): string[];
  /** An assignment or loop target (names, [a, b] patterns); declare: true declares, false assigns, null records nothing (comprehension variables). */
  target(n: Node, declare: boolean | null): string;
  /** A call's arguments; a trailing options object becomes keyword arguments when `kwargs`. */
  args(list: Node[], kwargs: boolean): string;
}

export const IND = "    ";
