// Optimizer trajectories checked against PyTorch: 20 steps on a least-squares problem per configuration.
import fixture from "../core/__fixtures__/torch-reference.json";
import { f, noLeak } from "../core/ops.suite";
import type { Tensor } from "../core";
import { assertClose } from "../lib/allclose";
import type { Suite } from "../lib/suite";
import { Adam } from "./adam";
import type { Optimizer } from "./optimizer";
import { SGD } from "./sgd";

type Case = Record<string, unknown> & { kind: string; op?: string };
const cases = (fixture.cases as Case[]).filter((c) => c.kind === "optim");

const optimizers: Record<string, (ps: Tensor[]) => Optimizer> = {
  sgd: (ps) => new SGD(ps, { lr: 0.05 }),
  sgd_momentum_nesterov_wd: (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
  adam: (ps) => new Adam(ps, { lr: 0.1 }),
  adam_amsgrad_wd: (ps) => new Adam(ps, { lr: 0.1, amsgrad: true, weightDecay: 0.1 }),
};

export const optimSuite: Suite = {
  name: `optim vs PyTorch ${fixture.torch_version}`,
  cases: cases.map((c) => ({
    name: `optim ${c.op}`,
    run: () =>
      noLeak(() => {
        const w = f(c.w0, true);
        const A = f(c.A);
        const y = f(c.y);
        const opt = optimizers[c.op!]([w]);
        (c.trajectory as number[][]).forEach((expected, i) => {
          opt.zeroGrad();
          A.matmul(w).sub(y).pow(2).sum().div(2).backward();
          opt.step();
          assertClose(w.tolist(), expected, `step ${i + 1}`);
        });
        opt.zeroGrad();
        for (const st of opt.state.values()) for (const b of Object.values(st.buffers)) b.dispose();
      }),
  })),
};
