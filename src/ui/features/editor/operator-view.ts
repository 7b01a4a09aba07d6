// The editor's view of a cell for type checking: `x * w + b` as `__op_add(__op_mul(x , w) , b)`, with position maps.
import type * as TS from "typescript";

/** Binary operators the kernel compiles to tensor ops (src/kernel/compiler/operator-transform.ts), by TypeScript token text. */
const BINARY: Record<string, string> = {
  "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "**": "pow",
  "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne",
  "+=": "iadd", "-=": "isub", "*=": "imul", "/=": "idiv", "%=": "imod", "**=": "ipow",
};

interface ViewEdit {
  start: number;
  end: number;
  text: string;
  /** An inserted call opening: a cursor at its offset belongs after it (on the operand). */
  opens: boolean;
  rank: number;
  key: number;
}

/** Where an operator call sits in the view, to turn "No overload matches this call" into an operator message. */
export interface OperatorCall {
  viewStart: number;
  viewEnd: number;
  symbol: string;
}

export interface OperatorView {
  /** The text the language service checks. Same as the source when the cell has no operator. */
  text: string;
  calls: OperatorCall[];
  toView(pos: number): number;
  fromView(pos: number): number;
}

/** Builds the view with the TypeScript module the caller has (Monaco's bundled one in the worker, `typescript` in tests). */
export function operatorView(ts: typeof TS, source: string): OperatorView {
  const sf = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: ViewEdit[] = [];
  const symbols: Array<{ at: number; symbol: string }> = [];
  const isNum = (n: TS.Node): boolean =>
    ts.isNumericLiteral(n) || ts.isBigIntLiteral(n) ||
    (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && isNum(n.operand)) ||
    (ts.isParenthesizedExpression(n) && isNum(n.expression)) ||
    (ts.isBinaryExpression(n) && BINARY[n.operatorToken.getText(sf)] !== undefined && !n.operatorToken.getText(sf).endsWith("=") && isNum(n.left) && isNum(n.right));
  const isStringish = (n: TS.Node): boolean =>
    ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n) || ts.isTypeOfExpression(n);
  const isNullish = (n: TS.Node): boolean => n.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(n) && n.text === "undefined");
  const call = (start: number, end: number, name: string, symbol: string) => {
    edits.push({ start, end: start, text: `__op_${name}(`, opens: true, rank: 3, key: -end });
    edits.push({ start: end, end, text: ")", opens: false, rank: 0, key: -start });
    symbols.push({ at: start, symbol });
  };

  const visit = (node: TS.Node): void => {
    if (ts.isEnumDeclaration(node)) return; // enum initializers must stay constant expressions
    if (ts.isBinaryExpression(node)) {
      const symbol = node.operatorToken.getText(sf);
      const name = BINARY[symbol];
      const compare = ["+", "<", "<=", ">", ">=", "==", "!="].includes(symbol);
      const skip =
        name === undefined ||
        (isNum(node.left) && isNum(node.right)) ||
        (compare && (isStringish(node.left) || isStringish(node.right))) ||
        ((symbol === "==" || symbol === "!=") && (isNullish(node.left) || isNullish(node.right)));
      if (!skip) {
        call(node.getStart(sf), node.end, name, symbol);
        const op = node.operatorToken;
        edits.push({ start: op.getStart(sf), end: op.end, text: ",", opens: false, rank: 4, key: 0 });
      }
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && !isNum(node.operand)) {
      const start = node.getStart(sf);
      edits.push({ start, end: start + 1, text: "__op_neg(", opens: true, rank: 4, key: 0 });
      edits.push({ start: node.end, end: node.end, text: ")", opens: false, rank: 0, key: -start });
      symbols.push({ at: start, symbol: "-" });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  edits.sort((a, b) => a.start - b.start || a.rank - b.rank || a.key - b.key);

  let text = "";
  let at = 0;
  let delta = 0;
  const calls: OperatorCall[] = [];
  const bySource = new Map(symbols.map((s) => [s.at, s.symbol]));
  const open = new Map<number, OperatorCall>();
  for (const e of edits) {
    text += source.slice(at, e.start) + e.text;
    if (e.opens && bySource.has(e.start)) {
      const c = { viewStart: e.start + delta, viewEnd: -1, symbol: bySource.get(e.start)! };
      calls.push(c);
      open.set(e.start, c);
    } else if (e.rank === 0 && open.has(-e.key)) {
      open.get(-e.key)!.viewEnd = e.start + delta + 1;
    }
    delta += e.text.length - (e.end - e.start);
    at = e.end;
  }
  text += source.slice(at);

  const toView = (pos: number): number => {
    let d = 0;
    for (const e of edits) {
      if (e.start > pos) break;
      if (e.start === e.end) {
        if (e.start < pos || e.opens) d += e.text.length;
      } else if (e.end <= pos) {
        d += e.text.length - (e.end - e.start);
      } else if (e.start < pos) {
        return e.start + d;
      }
    }
    return pos + d;
  };
  const fromView = (pos: number): number => {
    let d = 0;
    for (const e of edits) {
      const viewStart = e.start + d;
      if (pos < viewStart) break;
      if (pos < viewStart + e.text.length) return e.start; // inside inserted text: the operator's place
      d += e.text.length - (e.end - e.start);
    }
    return pos - d;
  };
  return { text, calls, toView, fromView };
}

/**
 * A diagnostic about our helper declarations (`__Num`, `__op_mul`) said as an operator error, naming the innermost
 * operator around it; null for every other diagnostic.
 */
export function operatorDiagnostic(view: OperatorView, viewStart: number, message: string): string | null {
  if (!/__Num|__op_/.test(message)) return null;
  let best: OperatorCall | undefined;
  for (const c of view.calls) {
    if (c.viewStart <= viewStart && viewStart < c.viewEnd && (!best || c.viewStart >= best.viewStart)) best = c;
  }
  return best ? operatorMessage(best.symbol) : null;
}

/** An operator's type error, in the words TypeScript uses for operators. */
export function operatorMessage(symbol: string): string {
  return `Operator '${symbol}' cannot be applied to these operand types (numbers, or Tensors with numbers${symbol === "+" ? ", or strings" : ""})`;
}
