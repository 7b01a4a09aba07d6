// Optimizers and schedulers checked against PyTorch (__fixtures__/optim-reference.json, scripts/torch_reference_optim.py).
import { f, noLeak } from "../core/ops.suite";
import { readScalars, type Tensor } from "../core";
import { assertClose, type CloseOptions } from "../lib/allclose";
import type { Suite, SuiteCase } from "../lib/suite";
import fixture from "./__fixtures__/optim-reference.json";
import * as optim from "./index";
import type { Optimizer } from "./optimizer";

interface OptimCase {
  name: string;
  optimizer: string;
  options: Record<string, unknown>;
  objective: string;
  closure: boolean;
  trajectory: number[][][];
  finalState: Record<string, Record<string, unknown>>;
  paramGroups: Array<Record<string, unknown>>;
  groups?: Array<Record<string, unknown> & { params: number[] }>;
  scheduler?: { name: string; options: Record<string, unknown>; lrs: number[][] };
}
interface SchedulerCase {
  name: string;
  options: Record<string, unknown>;
  groupLrs: number[];
  lrs: number[][];
}

interface PlateauCase {
  options: Record<string, unknown>;
  metrics: number[];
  lrs: number[][];
}

/** LambdaLR's functions by the name the script stores (scripts/torch_reference_optim.py's LAMBDAS). */
const lambdas: Record<string, (epoch: number) => number> = { pow095: (e) => 0.95 ** e, warmup5: (e) => Math.min(1, (e + 1) / 5) };
const schedOptions = (o: Record<string, unknown>): Record<string, unknown> =>
  typeof o.lrLambda === "string" ? { ...o, lrLambda: lambdas[o.lrLambda] } : o;

type Ctor = new (params: unknown, opts: Record<string, unknown>) => Optimizer;
type SchedCtor = new (opt: Optimizer, opts: Record<string, unknown>) => optim.lrScheduler.LRScheduler;
const classes = optim as unknown as Record<string, Ctor>;
const schedulers = optim.lrScheduler as unknown as Record<string, SchedCtor>;

/**
 * Per-case tolerances beyond the default rtol 1e-4 (none needed today). LBFGS cases use settings where PyTorch's
 * own float32 and float64 runs agree (see the script); elsewhere float32 rounding alone moves LBFGS by 1e-2.
 */
const tolerance: Record<string, CloseOptions> = {};

/** Builds the fixture's problem: a linear model W [3, 4], b [3]; at step s the input column s % 4 is zero. */
function problem(): { W: Tensor; b: Tensor; loss: (step: number, sign: number) => Tensor } {
  const p = fixture.problem;
  const W = f(p.W0, true);
  const b = f(p.b0, true);
  const Y = f(p.Y);
  const Xs = [0, 1, 2, 3].map((c) => f(p.X.map((row) => row.map((v, j) => (j === c ? 0 : v)))));
  const loss = (step: number, sign: number) => {
    const l = Xs[step % 4].matmul(W.transpose(0, 1)).add(b).sub(Y).pow(2).mean();
    return sign < 0 ? l.neg() : l;
  };
  return { W, b, loss };
}

function checkState(opt: Optimizer, c: OptimCase, tol: CloseOptions): void {
  const sd = opt.stateDict();
  for (const [i, expected] of Object.entries(c.finalState)) {
    const got = sd.state[Number(i)] ?? {};
    for (const [k, v] of Object.entries(expected)) {
      const g = got[k];
      if (g === undefined) throw new Error(`state[${i}] has no "${k}" (has ${Object.keys(got).join(", ")})`);
      assertClose(typeof g === "number" ? g : (g as Tensor).tolist(), v, `state[${i}].${k}`, tol);
    }
  }
  sd.paramGroups.forEach((g, i) => {
    for (const [k, v] of Object.entries(g)) {
      const want = c.paramGroups[i][k];
      if (want === undefined) throw new Error(`paramGroups[${i}] has "${k}", which PyTorch's param_groups lacks`);
      if (typeof v === "number" || Array.isArray(v)) assertClose(v, want, `paramGroups[${i}].${k}`);
      else if (v !== want) throw new Error(`paramGroups[${i}].${k}: ${v} != expected ${want}`);
    }
  });
}

function optimCase(c: OptimCase): SuiteCase {
  return {
    name: `optim ${c.name}`,
    run: () =>
      noLeak(() => {
        const { W, b, loss } = problem();
        const params = [W, b];
        const sign = c.objective === "max" ? -1 : 1;
        const arg = c.groups ? c.groups.map((g) => ({ ...g, params: g.params.map((i) => params[i]) })) : params;
        const opt = new classes[c.optimizer](arg, c.options);
        const sched = c.scheduler ? new schedulers[c.scheduler.name](opt, schedOptions(c.scheduler.options)) : null;
        const tol = tolerance[c.name] ?? {};
        c.trajectory.forEach((expected, s) => {
          if (c.closure) {
            opt.step(() => {
              opt.zeroGrad();
              const l = loss(s, sign);
              l.backward();
              return l;
            });
          } else {
            opt.zeroGrad();
            loss(s, sign).backward();
            opt.step();
          }
          if (sched) {
            sched.step();
            assertClose(sched.getLastLr(), c.scheduler!.lrs[s], `lr after step ${s + 1}`);
          }
          // One device read per step (each read is a GPU sync on webgl/webgpu): W's 12 values then b's 3.
          const got = readScalars([W, b]);
          assertClose(got.slice(0, 12), expected[0], `weight after step ${s + 1}`, tol);
          assertClose(got.slice(12), expected[1], `bias after step ${s + 1}`, tol);
        });
        checkState(opt, c, tol);
        opt.zeroGrad();
        opt.dispose();
      }),
  };
}

function schedulerCase(c: SchedulerCase, i: number): SuiteCase {
  return {
    name: `lrScheduler ${c.name} #${i} ${JSON.stringify(c.options)}`,
    run: () =>
      noLeak(() => {
        const { W, b } = problem();
        const opt = new optim.SGD(
          c.groupLrs.map((lr, j) => ({ params: [[W, b][j]], lr })),
          { lr: c.groupLrs[0] },
        );
        const sched = new schedulers[c.name](opt, schedOptions(c.options));
        c.lrs.forEach((expected, s) => {
          if (s > 0) {
            opt.step();
            sched.step();
          }
          assertClose(sched.getLastLr(), expected, `lrs after ${s} steps`, { rtol: 1e-12, atol: 1e-15 });
          assertClose([opt.paramGroups[0].lr, opt.paramGroups[1].options.lr], expected, `paramGroups lr after ${s} steps`, { rtol: 1e-12, atol: 1e-15 });
        });
        opt.dispose();
      }),
  };
}

function plateauCase(c: PlateauCase, i: number): SuiteCase {
  return {
    name: `lrScheduler ReduceLROnPlateau #${i} ${JSON.stringify(c.options)}`,
    run: () =>
      noLeak(() => {
        const { W, b } = problem();
        const opt = new optim.SGD([{ params: [W], lr: 0.1 }, { params: [b], lr: 0.01 }], { lr: 0.1 });
        const sched = new optim.lrScheduler.ReduceLROnPlateau(opt, c.options);
        c.metrics.forEach((m, s) => {
          sched.step(m);
          assertClose(sched.getLastLr(), c.lrs[s], `lrs after metric ${s + 1} (${m})`, { rtol: 1e-12, atol: 1e-15 });
        });
        opt.dispose();
      }),
  };
}

export const optimSuite: Suite = {
  name: `optim vs PyTorch ${fixture.torch_version}`,
  cases: [...(fixture.cases as unknown as OptimCase[]).map(optimCase), ...(fixture.schedulers as SchedulerCase[]).map(schedulerCase),
    ...(fixture.plateaus as PlateauCase[]).map(plateauCase)],
};
