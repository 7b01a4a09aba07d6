// Ops and autograd checked against PyTorch: the op cases in __fixtures__/torch-reference.json (scripts/torch_reference*.py).
import { assertClose, type CloseOptions } from "../lib/allclose";
import type { Suite, SuiteCase } from "../lib/suite";
import fixture from "./__fixtures__/torch-reference.json";
import * as torch from "./index";
import type { DType, Tensor } from "./index";
import { printOps, refOps } from "./ops-reference-table";

type Case = Record<string, unknown> & { kind: string; op?: string };
const cases = (fixture.cases as Case[]).filter((c) => ["unary", "binary", "matmul"].includes(c.kind));
const REF_KINDS = ["math", "reduce", "shape", "join", "index", "inplace", "creation"];

/** A generic case from torch_reference_core.py: inputs, outputs (values, shapes, dtypes), grad_fn and input grads. */
interface RefCase {
  kind: string;
  op: string;
  inputs: unknown[];
  dtypes: DType[];
  y: unknown[];
  yshapes: number[][];
  ydtypes: DType[];
  w: Array<unknown | null>;
  grads: Array<unknown | null>;
  grad_fn?: string;
  rg?: boolean[];
  str?: string;
}
const refCases = (fixture.cases as unknown as RefCase[]).filter((c) => REF_KINDS.includes(c.kind));
const printCases = (fixture.cases as unknown as RefCase[]).filter((c) => c.kind === "print");

function inputsOf(c: RefCase, grad: (i: number) => boolean): Tensor[] {
  return c.inputs.map((v, i) => torch.tensor(v as number[], { dtype: c.dtypes[i], requiresGrad: grad(i) }));
}

function outputsOf(out: Tensor | Tensor[] | torch.ValuesIndices): Tensor[] {
  if (Array.isArray(out)) return out;
  if (out instanceof torch.Tensor) return [out];
  return [out.values, out.indices];
}

function allZero(v: unknown): boolean {
  return Array.isArray(v) ? v.every(allZero) : Number(v) === 0;
}

/**
 * Looser tolerances, and why. WebGL and WebGPU (SwiftShader here) compute sin/cos with the GPU's builtin, which is
 * off by up to ~2e-4 absolute for |x| < 3; the CPU backends match PyTorch to 1e-6.
 */
const TOLERANCE: Record<string, CloseOptions> = { sin: { atol: 5e-4 }, cos: { atol: 5e-4 } };

/** Forward values, shapes, dtypes and grad_fn, then the gradients of sum(out_i * w_i) w.r.t. every float input. */
function runRefCase(c: RefCase): void {
  const xs = inputsOf(c, (i) => c.dtypes[i] === "float32");
  const outs = outputsOf(refOps[c.op](...xs));
  if (outs.length !== c.y.length) throw new Error(`expected ${c.y.length} outputs, got ${outs.length}`);
  outs.forEach((o, k) => {
    if (o.shape.join(",") !== c.yshapes[k].join(",")) throw new Error(`output ${k}: shape [${o.shape}] != expected [${c.yshapes[k]}]`);
    if (o.dtype !== c.ydtypes[k]) throw new Error(`output ${k}: dtype ${o.dtype} != expected ${c.ydtypes[k]}`);
    assertClose(o.tolist(), c.y[k], `output ${k}`, TOLERANCE[c.op]);
  });
  // PyTorch's name() can carry a namespace (torch::autograd::CopyBackwards); its repr shows the last part.
  const gradFn = c.grad_fn?.split("::").pop();
  if (gradFn && outs[0].gradFn?.name !== gradFn) throw new Error(`grad_fn ${outs[0].gradFn?.name} != expected ${gradFn}`);
  const terms = outs.flatMap((o, k) => (c.w[k] == null ? [] : [o.mul(f(c.w[k])).sum()]));
  if (terms.length === 0) return;
  terms.reduce((a, b) => a.add(b)).backward();
  xs.forEach((x, i) => {
    const want = c.grads[i];
    if (want == null) {
      if (x.grad && !allZero(x.grad.tolist())) throw new Error(`input ${i}: PyTorch has no gradient, Gradbook has one`);
    } else {
      if (!x.grad) throw new Error(`input ${i}: no gradient`);
      assertClose(x.grad.tolist(), want, `grad of input ${i}`, TOLERANCE[c.op]);
    }
  });
}

function runPrintCase(c: RefCase): void {
  const xs = inputsOf(c, (i) => c.rg![i]);
  const s = printOps[c.op](...xs).toString();
  if (s !== c.str) throw new Error(`printed\n${s}\nbut PyTorch prints\n${c.str}`);
}
export const f = (v: unknown, grad = false): Tensor => torch.tensor(v as number[], { dtype: "float32", requiresGrad: grad });

const unary: Record<string, (x: Tensor) => Tensor> = {
  exp: (x) => x.exp(), log: (x) => x.log(), sqrt: (x) => x.sqrt(), sigmoid: (x) => x.sigmoid(), tanh: (x) => x.tanh(),
  relu: (x) => x.relu(), abs: (x) => x.abs(), neg: (x) => x.neg(), softmax: (x) => x.softmax(1), logSoftmax: (x) => x.logSoftmax(1),
  sum1: (x) => x.sum(1), mean0: (x) => x.mean(0), max1: (x) => x.max(1).values,
};
const binary: Record<string, (a: Tensor, b: Tensor) => Tensor> = {
  add: (a, b) => a.add(b), sub: (a, b) => a.sub(b), mul: (a, b) => a.mul(b), div: (a, b) => a.div(b), pow: (a, b) => a.pow(b),
};

/** Runs `body` in a scope and fails if any tfjs tensor outlives it. */
export function noLeak(body: () => void): void {
  const before = torch.memoryInfo().numTensors;
  torch.scope(body);
  const after = torch.memoryInfo().numTensors;
  if (after !== before) throw new Error(`leaked ${after - before} tensor(s)`);
}

const refSuiteCases: SuiteCase[] = [
  ...refCases.map((c) => ({ name: `${c.kind} ${c.op}`, run: () => noLeak(() => runRefCase(c)) })),
  ...printCases.map((c) => ({ name: `print ${c.op}`, run: () => noLeak(() => runPrintCase(c)) })),
];

export const opsSuite: Suite = {
  name: `ops vs PyTorch ${fixture.torch_version}`,
  cases: [...cases.map((c) => ({
    name: `${c.kind} ${c.op ?? ""}`.trim(),
    run: () =>
      noLeak(() => {
        if (c.kind === "unary") {
          const x = f(c.x, true);
          const y = unary[c.op!](x);
          assertClose(y.tolist(), c.y, "forward");
          y.mul(f(c.w)).sum().backward();
          assertClose(x.grad!.tolist(), c.dx, "dx");
        } else {
          const a = f(c.a, true);
          const b = f(c.b, true);
          const y = c.kind === "matmul" ? a.matmul(b) : binary[c.op!](a, b);
          assertClose(y.tolist(), c.y, "forward");
          y.mul(f(c.w)).sum().backward();
          assertClose(a.grad!.tolist(), c.da, "da");
          assertClose(b.grad!.tolist(), c.db, "db");
        }
      }),
  })), ...refSuiteCases],
};
