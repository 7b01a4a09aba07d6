// torch.einsum for the common subscripts (matmul, batch matmul, outer, trace, diagonal, transpose, sums), built from
// differentiable ops: a repeated letter takes the diagonal, two operands contract with one matmul, others multiply and sum.
import { tf } from "../backend";
import { Tensor } from "../tensor";
import { mul } from "./arith";
import { matmul } from "./linalg";
import { sum } from "./reduce";
import { permute, reshape } from "./shape";

interface Term {
  t: Tensor;
  letters: string[];
}

function parse(equation: string, n: number): { inputs: string[][]; output: string[] } {
  const eq = equation.replace(/\s+/g, "");
  if (eq.includes(".")) throw new RangeError(`einsum(): ellipsis ('...') is not supported in Gradbook; write every dimension's letter, e.g. 'bij,bjk->bik'`);
  const [lhs, rhs, extra] = eq.split("->");
  if (extra !== undefined) throw new RangeError(`einsum(): the equation has more than one '->': '${equation}'`);
  const inputs = lhs.split(",").map((s) => [...s]);
  if (inputs.length !== n) throw new RangeError(`einsum(): more operands were provided than specified in the equation ('${equation}' names ${inputs.length}, got ${n})`);
  for (const l of [...inputs.flat(), ...(rhs ? [...rhs] : [])]) {
    if (!/^[a-zA-Z]$/.test(l)) throw new RangeError(`einsum(): invalid subscript '${l}' given in the equation string, subscripts must be in [a-zA-Z]`);
  }
  const counts = new Map<string, number>();
  for (const l of inputs.flat()) counts.set(l, (counts.get(l) ?? 0) + 1);
  // Implicit output: the letters that appear once, in alphabetical order (as PyTorch and NumPy).
  const output = rhs === undefined ? [...counts].filter(([, c]) => c === 1).map(([l]) => l).sort() : [...rhs];
  for (const l of output) {
    if (!counts.has(l)) throw new RangeError(`einsum(): output subscript ${l} does not appear in the equation for any input operand`);
    if (output.indexOf(l) !== output.lastIndexOf(l)) throw new RangeError(`einsum(): output subscript ${l} appears more than once in the output`);
  }
  return { inputs, output };
}

/** The diagonal over every repeated letter of one operand ('ii->i', 'ii->'). */
function takeDiagonals(term: Term): Term {
  let { t, letters } = term;
  for (;;) {
    const b = letters.findIndex((l, i) => letters.indexOf(l) !== i);
    if (b < 0) return { t, letters };
    const a = letters.indexOf(letters[b]);
    const n = t.shape[a];
    if (t.shape[b] !== n) throw new RangeError(`einsum(): subscript ${letters[b]} is repeated for operand but the sizes don't match, ${n} != ${t.shape[b]}`);
    const maskShape = t.shape.map((s, i) => (i === a || i === b ? s : 1));
    const eye = new Tensor(tf.tidy(() => tf.reshape(tf.eye(n, n, undefined, "float32"), maskShape)));
    t = sum(mul(t, eye), b);
    letters = letters.filter((_, i) => i !== b);
  }
}

/** Sums away letters that no other operand and not the output use. */
function sumPrivate(term: Term, keep: Set<string>): Term {
  const drop = term.letters.map((l, i) => (keep.has(l) ? -1 : i)).filter((i) => i >= 0);
  if (!drop.length) return term;
  return { t: sum(term.t, drop), letters: term.letters.filter((l) => keep.has(l)) };
}

/** Permutes and reshapes `term` so its dims follow `order` (letters it lacks become size-1 dims). */
function align(term: Term, order: string[]): Tensor {
  const own = order.filter((l) => term.letters.includes(l));
  const perm = own.map((l) => term.letters.indexOf(l));
  const p = perm.every((v, i) => v === i) ? term.t : permute(term.t, perm);
  const shape = order.map((l) => (own.includes(l) ? p.shape[own.indexOf(l)] : 1));
  return reshape(p, shape);
}

const prod = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);

/** Two operands as one (batched) matmul: A → [batch, i, contract], B → [batch, contract, k]. */
function contractPair(a: Term, b: Term, output: string[], size: Map<string, number>): Term {
  const inA = new Set(a.letters);
  const inB = new Set(b.letters);
  const batch = output.filter((l) => inA.has(l) && inB.has(l));
  const onlyA = a.letters.filter((l) => !inB.has(l));
  const onlyB = b.letters.filter((l) => !inA.has(l));
  const contract = a.letters.filter((l) => inB.has(l) && !output.includes(l));
  const dims = (ls: string[]) => ls.map((l) => size.get(l)!);
  const A = reshape(align(a, [...batch, ...onlyA, ...contract]), [prod(dims(batch)), prod(dims(onlyA)), prod(dims(contract))]);
  const B = reshape(align(b, [...batch, ...contract, ...onlyB]), [prod(dims(batch)), prod(dims(contract)), prod(dims(onlyB))]);
  const letters = [...batch, ...onlyA, ...onlyB];
  return { t: reshape(matmul(A, B), dims(letters)), letters };
}

/**
 * Einstein summation, like `torch.einsum(equation, *operands)`: `torch.einsum("ij,jk->ik", a, b)` (matmul),
 * `"bij,bjk->bik"` (batch matmul), `"i,j->ij"` (outer), `"ii->"` (trace), `"ii->i"` (diagonal), `"ij->ji"`
 * (transpose), `"ij->j"` (sum). Without `->` the output is the letters used once, alphabetically.
 */
export function einsum(equation: string, ...operands: Array<Tensor | Tensor[]>): Tensor {
  if (typeof equation !== "string") throw new TypeError(`einsum(): the first argument is the equation string, e.g. torch.einsum("ij,jk->ik", a, b)`);
  const ops = operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : (operands as Tensor[]);
  const { inputs, output } = parse(equation, ops.length);
  const size = new Map<string, number>();
  let terms: Term[] = ops.map((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`einsum(): operand ${i} is not a Tensor`);
    if (inputs[i].length !== t.ndim) {
      throw new RangeError(`einsum(): the number of subscripts in the equation (${inputs[i].length}) does not match the number of dimensions (${t.ndim}) for operand ${i} and no ellipsis was given`);
    }
    inputs[i].forEach((l, d) => {
      const s = t.shape[d];
      const seen = size.get(l);
      if (seen !== undefined && seen !== s && seen !== 1 && s !== 1) {
        throw new RangeError(`einsum(): operands do not broadcast with remapped shapes (original->remapped): subscript ${l} has size ${seen} and ${s}`);
      }
      size.set(l, Math.max(seen ?? 1, s));
    });
    return takeDiagonals({ t, letters: inputs[i] });
  });
  // Letters an operand alone uses (and the output does not) can be summed away first.
  terms = terms.map((term, i) => sumPrivate(term, new Set([...output, ...terms.filter((_, j) => j !== i).flatMap((o) => o.letters)])));
  const sameSizes = (t: Term) => t.letters.every((l, d) => t.t.shape[d] === size.get(l));
  let result: Term;
  if (terms.length === 2 && sameSizes(terms[0]) && sameSizes(terms[1])) result = contractPair(terms[0], terms[1], output, size);
  else {
    const all = [...new Set([...output, ...terms.flatMap((t) => t.letters)])];
    let prodT = align(terms[0], all);
    for (const term of terms.slice(1)) prodT = mul(prodT, align(term, all));
    const contracted = all.map((l, i) => (output.includes(l) ? -1 : i)).filter((i) => i >= 0);
    result = { t: contracted.length ? sum(prodT, contracted) : prodT, letters: all.filter((l) => output.includes(l)) };
  }
  const perm = output.map((l) => result.letters.indexOf(l));
  return perm.every((v, i) => v === i) ? result.t : permute(result.t, perm);
}
