// Ops and autograd checked against PyTorch: the op cases in __fixtures__/torch-reference.json (scripts/torch_reference.py).
import { assertClose } from "../lib/allclose";
import type { Suite } from "../lib/suite";
import fixture from "./__fixtures__/torch-reference.json";
import * as torch from "./index";
import type { Tensor } from "./index";

type Case = Record<string, unknown> & { kind: string; op?: string };
const cases = (fixture.cases as Case[]).filter((c) => ["unary", "binary", "matmul"].includes(c.kind));
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

export const opsSuite: Suite = {
  name: `ops vs PyTorch ${fixture.torch_version}`,
  cases: cases.map((c) => ({
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
  })),
};
