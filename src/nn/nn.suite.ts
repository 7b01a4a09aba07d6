// Layers and losses checked against PyTorch: core/__fixtures__/torch-reference.json (loss, linear_ce) and every case of
// nn/__fixtures__/nn-reference.json (scripts/torch_reference_nn.py). Tolerance: allclose's default rtol 1e-4.
import { noGrad, tensor, type Tensor } from "../core";
import fixture from "../core/__fixtures__/torch-reference.json";
import { f, noLeak } from "../core/ops.suite";
import { assertClose } from "../lib/allclose";
import type { Suite } from "../lib/suite";
import nnFixture from "./__fixtures__/nn-reference.json";
import * as F from "./functional";
import { Linear } from "./linear";
import { runners, type Case as NnCase } from "./nn-cases";

type Case = Record<string, unknown> & { kind: string; op?: string };
const cases = (fixture.cases as Case[]).filter((c) => ["loss", "linear_ce"].includes(c.kind));

const losses: Record<string, (x: Tensor, t: Tensor) => Tensor> = {
  mse: F.mseLoss, l1: F.l1Loss, bce: F.binaryCrossEntropy, nll_logsoftmax: (x, t) => F.nllLoss(x.logSoftmax(1), t),
};

const nnCases = (nnFixture.cases as unknown as NnCase[]).map((c) => ({
  name: `${c.kind} ${c.name}`,
  run: () => noLeak(() => runners[c.kind](c)),
}));

export const nnSuite: Suite = {
  name: `nn vs PyTorch ${fixture.torch_version}`,
  cases: [...cases.map((c) => ({
    name: `${c.kind} ${c.op ?? ""}`.trim(),
    run: () =>
      noLeak(() => {
        if (c.kind === "loss") {
          const x = f(c.x, true);
          const target = c.op === "nll_logsoftmax" ? tensor(c.target as number[]) : f(c.target);
          const loss = losses[c.op!](x, target);
          assertClose(loss.item(), c.loss, "loss");
          loss.backward();
          assertClose(x.grad!.tolist(), c.dx, "dx");
          return;
        }
        const lin = new Linear(4, 3);
        noGrad(() => {
          lin.weight.copy_(f(c.weight));
          lin.bias!.copy_(f(c.bias));
        });
        const x = f(c.x, true);
        const loss = F.crossEntropy(lin(x), tensor(c.target as number[]));
        assertClose(loss.item(), c.loss, "loss");
        loss.backward();
        assertClose(x.grad!.tolist(), c.dx, "dx");
        assertClose(lin.weight.grad!.tolist(), c.dweight, "dweight");
        assertClose(lin.bias!.grad!.tolist(), c.dbias, "dbias");
        for (const p of lin.parameters()) {
          p.grad?.dispose();
          p.dispose();
        }
      }),
  })), ...nnCases],
};
