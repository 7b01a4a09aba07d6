// The nn reference cases from __fixtures__/nn-reference.json (scripts/torch_reference_nn.py): layers, losses, a CNN, reprs.
import { noGrad, tensor, type Tensor } from "../core";
import { f } from "../core/ops.suite";
import { assertClose } from "../lib/allclose";
import { Identity, Linear } from "./linear";
import { Flatten, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh } from "./activation";
import { BatchNorm1d, BatchNorm2d } from "./batchnorm";
import { ModuleList, Sequential } from "./container";
import { Conv2d } from "./conv";
import { Dropout } from "./dropout";
import * as F from "./functional";
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss } from "./loss";
import { Module } from "./module";
import { AvgPool2d, MaxPool2d } from "./pooling";

export type Case = Record<string, unknown> & { kind: string; name: string };
type Opts = Record<string, unknown>;
type Fwd = (...xs: Tensor[]) => Tensor;

/** Frees a module's parameters, gradients and buffers (they are persistent, so a test scope does not). */
export function disposeModule(m: Module): void {
  for (const p of m.parameters()) {
    p.grad?.dispose();
    p.dispose();
  }
  for (const b of m.buffers()) b.dispose();
}

const call = (m: Module, ...xs: Tensor[]): Tensor => (m as unknown as Fwd)(...xs);
const ints = (v: unknown): Tensor => tensor(v as number[], { dtype: "int32" });

/** Copies PyTorch's values into a module by state-dict name (ints for num_batches_tracked). */
function load(m: Module, values: Record<string, unknown>): void {
  const sd: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(values)) sd[k] = k.endsWith("num_batches_tracked") ? ints(v) : f(v);
  m.loadStateDict(sd);
}

/** sum(y · cot).backward(), after checking y. */
function forwardBackward(y: Tensor, c: Opts, what: string): void {
  assertClose(y.tolist(), c.y, `${what} y`);
  y.mul(f(c.cot)).sum().backward();
}

function checkGrad(t: Tensor | null, expected: unknown, what: string): void {
  if (expected === null || expected === undefined) return;
  if (!t?.grad) throw new Error(`${what}: no gradient`);
  assertClose(t.grad.tolist(), expected, what);
}

function runConv(c: Case): void {
  const w = c.weight as number[][][][];
  const o = c.opts as Opts;
  const conv = new Conv2d(w[0].length, w.length, [w[0][0].length, w[0][0][0].length], { ...o, bias: c.bias !== null });
  try {
    noGrad(() => {
      conv.weight.copy_(f(w));
      if (conv.bias) conv.bias.copy_(f(c.bias));
    });
    const x = f(c.x, true);
    forwardBackward(conv(x), c, "conv2d");
    checkGrad(x, c.dx, "dx");
    checkGrad(conv.weight, c.dweight, "dweight");
    checkGrad(conv.bias, c.dbias, "dbias");
  } finally {
    disposeModule(conv);
  }
}

function runPool(c: Case): void {
  const k = c.kernel as number | [number, number];
  const pool = c.op === "max" ? new MaxPool2d(k, c.opts as Opts) : new AvgPool2d(k, c.opts as Opts);
  const x = f(c.x, true);
  forwardBackward(pool(x), c, c.op as string);
  checkGrad(x, c.dx, "dx");
}

function runBatchNorm(c: Case): void {
  const o = c.opts as Opts;
  const opts = { eps: o.eps as number | undefined, momentum: o.momentum as number | null | undefined, affine: o.affine as boolean | undefined, trackRunningStats: o.track_running_stats as boolean | undefined };
  const bn = c.cls === "BatchNorm2d" ? new BatchNorm2d(c.num_features as number, opts) : new BatchNorm1d(c.num_features as number, opts);
  try {
    load(bn, c.init as Record<string, unknown>);
    const steps: Opts[] = [...(c.steps as Opts[]).map((s) => ({ ...s, train: true })), { ...(c.eval as Opts), train: false }];
    steps.forEach((s, i) => {
      bn.train(s.train as boolean);
      bn.zeroGrad();
      const x = f(s.x, true);
      forwardBackward(bn(x), s, `step ${i}`);
      checkGrad(x, s.dx, `step ${i} dx`);
      checkGrad(bn.weight, s.dweight, `step ${i} dweight`);
      checkGrad(bn.bias, s.dbias, `step ${i} dbias`);
      const sd = bn.stateDict();
      for (const [k, v] of Object.entries((s.state ?? {}) as Opts)) assertClose(sd[k].tolist(), v, `step ${i} ${k}`);
    });
  } finally {
    disposeModule(bn);
  }
}

const layers: Record<string, () => Module> = {
  ReLU: () => new ReLU(), Sigmoid: () => new Sigmoid(), Tanh: () => new Tanh(), LeakyReLU: () => new LeakyReLU(0.2),
  Softmax: () => new Softmax(1), LogSoftmax: () => new LogSoftmax(1), Softmax0: () => new Softmax(0), Flatten: () => new Flatten(),
  Identity: () => new Identity(),
};

function runLayer(c: Case): void {
  const x = f(c.x, true);
  forwardBackward(call(layers[c.name](), x), c, c.name);
  checkGrad(x, c.dx, "dx");
}

const losses: Record<string, (o: Opts) => Module> = {
  L1Loss: (o) => new L1Loss(o), MSELoss: (o) => new MSELoss(o), CrossEntropyLoss: (o) => new CrossEntropyLoss(o), NLLLoss: (o) => new NLLLoss(o),
  BCELoss: (o) => new BCELoss(o), BCEWithLogitsLoss: (o) => new BCEWithLogitsLoss(o), SmoothL1Loss: (o) => new SmoothL1Loss(o),
};

function runLoss(c: Case): void {
  const py = c.opts as Opts;
  const extra = c.extra as Opts;
  const opts: Opts = { reduction: py.reduction, ignoreIndex: py.ignore_index, labelSmoothing: py.label_smoothing, beta: py.beta };
  if (extra.weight) opts.weight = f(extra.weight);
  if (extra.pos_weight) opts.posWeight = f(extra.pos_weight);
  const lossFn = losses[c.loss as string](opts);
  try {
    const x = f(c.x, true);
    const target = c.target_dtype === "int32" ? ints(c.target) : f(c.target);
    forwardBackward(call(lossFn, x, target), c, c.name);
    checkGrad(x, c.dx, "dx");
  } finally {
    disposeModule(lossFn);
  }
}

/** The CNN of scripts/torch_reference_nn.py, layer for layer. */
class Net extends Module {
  conv1 = new Conv2d(1, 4, 3, { padding: 1 });
  bn1 = new BatchNorm2d(4);
  pool = new MaxPool2d(2);
  features = new Sequential(new Conv2d(4, 6, 3, { stride: 2, dilation: 1, bias: false }), new ReLU(), new AvgPool2d(1));
  drop = new Dropout(0.25);
  heads = new ModuleList([new Linear(6, 3), new LogSoftmax(1)]);

  override forward(x: Tensor): Tensor {
    let h = this.pool(F.relu(this.bn1(this.conv1(x))));
    h = this.drop(this.features(h)).flatten(1);
    return call(this.heads.at(1), call(this.heads.at(0), h));
  }
}

function runCnn(c: Case): void {
  const net = new Net();
  try {
    assertEqualText(net.toString(), c.repr as string, "repr");
    load(net, c.params as Record<string, unknown>);
    net.drop.eval();
    const loss = F.nllLoss(net(f(c.x)), ints(c.target));
    assertClose(loss.item(), c.loss, "loss");
    loss.backward();
    for (const [k, p] of net.namedParameters()) checkGrad(p, (c.grads as Opts)[k], `grad ${k}`);
    const sd = net.stateDict();
    for (const [k, v] of Object.entries(c.state_after as Opts)) assertClose(sd[k].tolist(), v, k);
  } finally {
    disposeModule(net);
  }
}

function assertEqualText(actual: string, expected: string, what: string): void {
  if (actual !== expected) throw new Error(`${what} differs from PyTorch:\n--- actual\n${actual}\n--- expected\n${expected}`);
}

const reprModels: Record<string, () => Module> = {
  conv_variants: () =>
    new Sequential(new Conv2d(1, 6, 5), new Conv2d(3, 8, [3, 5], { stride: 2, padding: [1, 2], dilation: 2, bias: false }),
      new Conv2d(3, 3, 3, { padding: "same" }), new Conv2d(3, 3, 3, { padding: "valid" })),
  misc: () =>
    new Sequential(new MaxPool2d(3, { stride: 2, padding: 1 }), new AvgPool2d(2), new Dropout(), new Dropout(0.1),
      new BatchNorm1d(5, { momentum: null, affine: false }), new BatchNorm2d(16, { eps: 1e-3 }), new Tanh(), new Softmax(1),
      new LogSoftmax(-1), new Flatten(), new Identity(), new LeakyReLU(), new Sigmoid(), new ReLU(), new Linear(3, 4, { bias: false }), new ModuleList()),
  losses: () =>
    new ModuleList([new L1Loss(), new MSELoss(), new CrossEntropyLoss(), new NLLLoss(), new BCELoss(), new BCEWithLogitsLoss(), new SmoothL1Loss()]),
};

function runRepr(c: Case): void {
  for (const [k, expected] of Object.entries(c.reprs as Record<string, string>)) {
    const m = reprModels[k]();
    try {
      assertEqualText(m.toString(), expected, k);
    } finally {
      disposeModule(m);
    }
  }
}

export const runners: Record<string, (c: Case) => void> = {
  conv2d: runConv, pool: runPool, batchnorm: runBatchNorm, layer: runLayer, loss: runLoss, cnn: runCnn, repr: runRepr,
};
