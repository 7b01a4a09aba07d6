// Autograd checked against PyTorch: every case in __fixtures__/torch-reference.json (made by scripts/torch_reference.py).
import { describe, expect, it } from "vitest";
import { assertClose } from "../lib/allclose";
import * as F from "../nn/functional";
import { Linear } from "../nn/linear";
import { Adam } from "../optim/adam";
import { SGD } from "../optim/sgd";
import type { Optimizer } from "../optim/optimizer";
import fixture from "./__fixtures__/torch-reference.json";
import * as torch from "./index";
import type { Tensor } from "./index";

type Case = Record<string, unknown> & { kind: string; op?: string };
const cases = fixture.cases as Case[];
const f = (v: unknown, grad = false): Tensor => torch.tensor(v as number[], { dtype: "float32", requiresGrad: grad });

const unary: Record<string, (x: Tensor) => Tensor> = {
  exp: (x) => x.exp(), log: (x) => x.log(), sqrt: (x) => x.sqrt(), sigmoid: (x) => x.sigmoid(), tanh: (x) => x.tanh(),
  relu: (x) => x.relu(), abs: (x) => x.abs(), neg: (x) => x.neg(), softmax: (x) => x.softmax(1), logSoftmax: (x) => x.logSoftmax(1),
  sum1: (x) => x.sum(1), mean0: (x) => x.mean(0), max1: (x) => x.max(1).values,
};
const binary: Record<string, (a: Tensor, b: Tensor) => Tensor> = {
  add: (a, b) => a.add(b), sub: (a, b) => a.sub(b), mul: (a, b) => a.mul(b), div: (a, b) => a.div(b), pow: (a, b) => a.pow(b),
};
const losses: Record<string, (x: Tensor, t: Tensor) => Tensor> = {
  mse: F.mseLoss, l1: F.l1Loss, bce: F.binaryCrossEntropy, nll_logsoftmax: (x, t) => F.nllLoss(x.logSoftmax(1), t),
};
const optimizers: Record<string, (ps: Tensor[]) => Optimizer> = {
  sgd: (ps) => new SGD(ps, { lr: 0.05 }),
  sgd_momentum_nesterov_wd: (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
  adam: (ps) => new Adam(ps, { lr: 0.1 }),
  adam_amsgrad_wd: (ps) => new Adam(ps, { lr: 0.1, amsgrad: true, weightDecay: 0.1 }),
};

describe("matches PyTorch " + fixture.torch_version, () => {
  for (const c of cases) {
    const label = `${c.kind} ${c.op ?? ""}`;
    it(label, () => {
      const before = torch.memoryInfo().numTensors;
      torch.scope(() => {
        if (c.kind === "unary") {
          const x = f(c.x, true);
          const y = unary[c.op!](x);
          assertClose(y.tolist(), c.y, "forward");
          y.mul(f(c.w)).sum().backward();
          assertClose(x.grad!.tolist(), c.dx, "dx");
        } else if (c.kind === "binary" || c.kind === "matmul") {
          const a = f(c.a, true);
          const b = f(c.b, true);
          const y = c.kind === "matmul" ? a.matmul(b) : binary[c.op!](a, b);
          assertClose(y.tolist(), c.y, "forward");
          y.mul(f(c.w)).sum().backward();
          assertClose(a.grad!.tolist(), c.da, "da");
          assertClose(b.grad!.tolist(), c.db, "db");
        } else if (c.kind === "loss") {
          const x = f(c.x, true);
          const target = c.op === "nll_logsoftmax" ? torch.tensor(c.target as number[]) : f(c.target);
          const loss = losses[c.op!](x, target);
          assertClose(loss.item(), c.loss, "loss");
          loss.backward();
          assertClose(x.grad!.tolist(), c.dx, "dx");
        } else if (c.kind === "linear_ce") {
          const lin = new Linear(4, 3);
          torch.noGrad(() => {
            lin.weight.copy_(f(c.weight));
            lin.bias!.copy_(f(c.bias));
          });
          const x = f(c.x, true);
          const loss = F.crossEntropy(lin(x), torch.tensor(c.target as number[]));
          assertClose(loss.item(), c.loss, "loss");
          loss.backward();
          assertClose(x.grad!.tolist(), c.dx, "dx");
          assertClose(lin.weight.grad!.tolist(), c.dweight, "dweight");
          assertClose(lin.bias!.grad!.tolist(), c.dbias, "dbias");
          for (const p of [lin.weight, lin.bias!]) {
            p.grad!.dispose();
            p.dispose();
          }
        } else if (c.kind === "optim") {
          const w = f(c.w0, true);
          const A = f(c.A);
          const y = f(c.y);
          const opt = optimizers[c.op!]([w]);
          (c.trajectory as number[][]).forEach((expected, i) => {
            opt.zeroGrad();
            A.matmul(w).sub(y).pow(2).sum().div(2).backward();
            opt.step();
            assertClose(w.tolist(), expected, `step ${i + 1}`, { rtol: 1e-4, atol: 1e-5 });
          });
          for (const st of opt.state.values()) for (const b of Object.values(st.buffers)) b.dispose();
        } else throw new Error(`unknown case ${c.kind}`);
      });
      expect(torch.memoryInfo().numTensors).toBe(before);
    });
  }
});
