// Runners for __fixtures__/modern-reference.json (scripts/torch_reference_modern.py): the modern layers and losses,
// einsum, amax/amin, autograd.grad, clip_grad_*, and the tiny-value / NaN / Inf kernel audit (issue 13 items 5, 6).
import * as torch from "../core";
import type { Tensor } from "../core";
import { assertClose, type CloseOptions } from "../lib/allclose";
import { GELU, ELU, SELU, SiLU, Softplus } from "./activation-modern";
import { LeakyReLU, Unflatten } from "./activation";
import { Conv1d, ConvTranspose2d } from "./conv-modern";
import { Embedding } from "./embedding";
import * as F from "./functional";
import { CosineEmbeddingLoss, HuberLoss, KLDivLoss } from "./loss-modern";
import type { Module } from "./module";
import { disposeModule } from "./nn-cases";
import { GroupNorm, LayerNorm } from "./normalization";
import { AdaptiveAvgPool2d, Upsample } from "./resample";
import { clipGradNorm_, clipGradValue_ } from "./utils";

export type Case = Record<string, unknown> & { kind: string; name: string };
type Input = { v: unknown; dtype: "float32" | "int32"; grad: boolean };
type Fwd = (...xs: Tensor[]) => Tensor;

/** JSON has no NaN/Infinity: the script writes them as strings. */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v;
}

const input = (i: Input): Tensor => torch.tensor(decode(i.v) as number[], { dtype: i.dtype, requiresGrad: i.grad });

/** Builds each module case exactly as scripts/torch_reference_modern.py does (also used by io/model-py-modern.test.ts). */
export const modernModules: Record<string, () => Module> = {
  LayerNorm: () => new LayerNorm(5),
  LayerNorm_2d_noaffine: () => new LayerNorm([4, 5], { eps: 1e-3, elementwiseAffine: false }),
  GroupNorm: () => new GroupNorm(2, 6),
  GroupNorm_noaffine: () => new GroupNorm(3, 6, { eps: 1e-3, affine: false }),
  Embedding: () => new Embedding(10, 4),
  Embedding_padding: () => new Embedding(6, 3, { paddingIdx: 0 }),
  Conv1d: () => new Conv1d(3, 4, 3),
  Conv1d_options: () => new Conv1d(2, 4, 3, { stride: 2, padding: 1, dilation: 2, bias: false }),
  Conv1d_unbatched: () => new Conv1d(2, 3, 2, { padding: 1 }),
  ConvTranspose2d: () => new ConvTranspose2d(3, 2, 3),
  ConvTranspose2d_s2_p1_op1: () => new ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  ConvTranspose2d_k4_s2_p1: () => new ConvTranspose2d(3, 2, 4, { stride: 2, padding: 1 }),
  ConvTranspose2d_rect_nobias: () => new ConvTranspose2d(2, 3, [2, 3], { stride: [2, 1], bias: false }),
  ConvTranspose2d_dilation_bigpad: () => new ConvTranspose2d(2, 2, 3, { stride: 2, padding: 3, dilation: 2 }),
  ConvTranspose2d_unbatched: () => new ConvTranspose2d(2, 1, 2, { stride: 2 }),
  Unflatten: () => new Unflatten(1, [2, 3]),
  AdaptiveAvgPool2d_1: () => new AdaptiveAvgPool2d([1, 1]),
  AdaptiveAvgPool2d_3: () => new AdaptiveAvgPool2d(3),
  AdaptiveAvgPool2d_none: () => new AdaptiveAvgPool2d([2, null]),
  Upsample_nearest_2: () => new Upsample({ scaleFactor: 2 }),
  Upsample_nearest_size: () => new Upsample({ size: [5, 7], mode: "nearest" }),
  Upsample_bilinear_2: () => new Upsample({ scaleFactor: 2, mode: "bilinear" }),
  Upsample_bilinear_align: () => new Upsample({ size: [5, 3], mode: "bilinear", alignCorners: true }),
  Upsample_bilinear_1_5: () => new Upsample({ scaleFactor: 1.5, mode: "bilinear" }),
  GELU: () => new GELU(), GELU_tanh: () => new GELU({ approximate: "tanh" }), ELU: () => new ELU(), ELU_alpha: () => new ELU({ alpha: 0.5 }),
  SELU: () => new SELU(), SiLU: () => new SiLU(), Softplus: () => new Softplus(), Softplus_beta: () => new Softplus({ beta: 2, threshold: 1 }),
  LeakyReLU_default: () => new LeakyReLU(),
  HuberLoss_mean: () => new HuberLoss(), HuberLoss_sum: () => new HuberLoss({ reduction: "sum" }),
  HuberLoss_none: () => new HuberLoss({ reduction: "none" }), HuberLoss_delta: () => new HuberLoss({ delta: 0.5 }),
  CosineEmbeddingLoss_mean: () => new CosineEmbeddingLoss({ margin: 0.2 }), CosineEmbeddingLoss_sum: () => new CosineEmbeddingLoss({ margin: 0.2, reduction: "sum" }),
  CosineEmbeddingLoss_none: () => new CosineEmbeddingLoss({ margin: 0.2, reduction: "none" }), CosineEmbeddingLoss_default: () => new CosineEmbeddingLoss(),
  KLDivLoss_batchmean: () => new KLDivLoss({ reduction: "batchmean" }), KLDivLoss_mean: () => new KLDivLoss(),
  KLDivLoss_sum: () => new KLDivLoss({ reduction: "sum" }), KLDivLoss_none: () => new KLDivLoss({ reduction: "none" }),
  KLDivLoss_log_target: () => new KLDivLoss({ reduction: "batchmean", logTarget: true }),
};

const fns: Record<string, Fwd> = {
  "amax dim1": (x) => torch.amax(x, 1), "amax dims02 keepdim": (x) => torch.amax(x, [0, 2], true), "amax all": (x) => torch.amax(x),
  "amax ties": (x) => torch.amax(x, 1), "amin dim0": (x) => torch.amin(x, 0), "amin ties all": (x) => torch.amin(x, [0, 1]),
  "F.gelu": (x) => F.gelu(x), "F.layer_norm": (x, w, b) => F.layerNorm(x, [4], w, b, 1e-5), "F.group_norm": (x, w, b) => F.groupNorm(x, 2, w, b),
  "F.embedding": (w) => F.embedding(torch.tensor([3, 0, 3], { dtype: "int32" }), w),
  "F.conv1d": (x, w, b) => F.conv1d(x, w, b, { stride: 2 }), "F.conv_transpose2d": (x, w) => F.convTranspose2d(x, w, null, { stride: 2, padding: 1 }),
  "F.interpolate bilinear": (x) => F.interpolate(x, { scaleFactor: 2, mode: "bilinear", alignCorners: false }),
  "F.adaptive_avg_pool2d": (x) => F.adaptiveAvgPool2d(x, [2, 3]), "F.elu": (x) => F.elu(x, 0.7), "F.silu": (x) => F.silu(x),
  "F.softplus": (x) => F.softplus(x, 1.5, 2.0), "F.huber_loss": (x, y) => F.huberLoss(x, y, { delta: 0.7 }),
  "F.kl_div": (x, y) => F.klDiv(x, y, { reduction: "batchmean" }), "F.cosine_embedding_loss": (a, b, y) => F.cosineEmbeddingLoss(a, b, y, { margin: 0.1 }),
};

function checkGrad(t: Tensor, expected: unknown, what: string): void {
  if (expected === null || expected === undefined) return;
  if (!t.grad) throw new Error(`${what}: no gradient`);
  assertClose(t.grad.tolist(), expected, what);
}

function forwardBackward(y: Tensor, c: Case): void {
  assertClose(y.tolist(), c.y, "y");
  y.mul(torch.tensor(c.cot as number[])).sum().backward();
}

function runModule(c: Case): void {
  const m = modernModules[c.name]();
  try {
    if (m.toString() !== c.repr) throw new Error(`repr differs from PyTorch: ${m.toString()} != ${String(c.repr)}`);
    const keys = Object.keys(m.stateDict());
    if (keys.join(",") !== (c.stateKeys as string[]).join(",")) throw new Error(`state-dict keys [${keys}] != PyTorch's [${String(c.stateKeys)}]`);
    const sd: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(c.state as Record<string, unknown>)) sd[k] = torch.tensor(v as number[]);
    m.loadStateDict(sd);
    const xs = (c.inputs as Input[]).map(input);
    forwardBackward((m as unknown as Fwd)(...xs), c);
    xs.forEach((x, i) => checkGrad(x, (c.dinputs as unknown[])[i], `dinput ${i}`));
    for (const [k, p] of m.namedParameters()) checkGrad(p, (c.dparams as Record<string, unknown>)[k], `d${k}`);
  } finally {
    disposeModule(m);
  }
}

function runFn(c: Case): void {
  const xs = (c.inputs as Input[]).map(input);
  const y = fns[c.name.startsWith("einsum ") ? "einsum" : c.name]?.(...xs) ?? torch.einsum(c.name.slice(7), ...xs);
  if (!xs.some((x) => x.requiresGrad)) return assertClose(y.tolist(), c.y, "y");
  forwardBackward(y, c);
  xs.forEach((x, i) => checkGrad(x, (c.dinputs as unknown[])[i], `dinput ${i}`));
}

function runAutogradGrad(c: Case): void {
  const x = torch.tensor(c.x as number[], { requiresGrad: true });
  const w = torch.tensor(c.w as number[], { requiresGrad: true });
  const h = x.mul(w);
  const y = h.tanh().mul(h).sum();
  const [gx, gw, gh] = torch.autogradGrad(y, [x, w, h], null, { retainGraph: true });
  assertClose(gx!.tolist(), c.gx, "d/dx");
  assertClose(gw!.tolist(), c.gw, "d/dw");
  assertClose(gh!.tolist(), c.gh, "d/dh (a non-leaf)");
  if (x.grad !== null || w.grad !== null) throw new Error("autograd.grad must not touch the leaves' .grad");
  const [gx2] = torch.autogradGrad(x.mul(x.sigmoid()), x, torch.tensor(c.go as number[]));
  assertClose(gx2!.tolist(), c.gx2, "with gradOutputs");
  // The retained graph still backpropagates into .grad as usual.
  y.backward();
  assertClose(x.grad!.tolist(), c.gx, "backward after grad");
}

function runClip(c: Case): void {
  const ps = (c.grads as unknown[]).map((g) => {
    const p = torch.tensor(g as number[], { requiresGrad: true });
    p.grad = torch.tensor(g as number[]);
    return p;
  });
  const o = c.opts as Record<string, number | string>;
  if ("clip_value" in o) {
    const r = clipGradValue_(ps, o.clip_value as number);
    if (r !== undefined) throw new Error("clip_grad_value_ returns None (undefined)");
  } else {
    const total = clipGradNorm_(ps, o.max_norm as number, (o.norm_type as number | "inf" | undefined) ?? 2);
    assertClose(total.item(), c.ret, "total norm");
  }
  ps.forEach((p, i) => assertClose(p.grad!.tolist(), (c.after as unknown[])[i], `grad ${i} after`));
}

/**
 * Elementwise with NaN equal to NaN and ±Inf exact; finite values within rtol 1e-4. atol 1e-37 (below float32's smallest
 * normal, 1.18e-38) lets a backend flush a denormal result to zero, and nothing else: a tiny normal value must match.
 */
function assertSpecialClose(actual: unknown, expected: unknown, what: string, opts: CloseOptions = {}): void {
  const a = [actual].flat(9) as number[];
  const b = (decode([expected]) as unknown[]).flat(9) as number[];
  if (a.length !== b.length) throw new Error(`${what}: length ${a.length} != ${b.length}`);
  b.forEach((e, i) => {
    if ((e as unknown) === "skip") return;
    const g = a[i];
    const ok = Number.isNaN(e) ? Number.isNaN(g) : !Number.isFinite(e) ? g === e : Math.abs(g - e) <= (opts.atol ?? 1e-37) + (opts.rtol ?? 1e-4) * Math.abs(e);
    if (!ok) throw new Error(`${what}: element ${i} (x = ${String(decode(expected))}) got ${g}, PyTorch ${e}`);
  });
}

const auditOps: Record<string, (x: Tensor) => Tensor> = {
  sign: (x) => x.sign(), "sign finite": (x) => x.sign(), abs: (x) => x.abs(), "abs special": (x) => x.abs(), relu: (x) => x.relu(),
  "relu finite": (x) => x.relu(), sigmoid: (x) => x.sigmoid(), "sigmoid finite": (x) => x.sigmoid(), tanh: (x) => x.tanh(), exp: (x) => x.exp(),
  "exp finite": (x) => x.exp(), neg: (x) => x.neg(), sqrt: (x) => x.sqrt(), log: (x) => x.log(), log1p: (x) => x.log1p(), square: (x) => x.square(),
  floor: (x) => x.floor(), ceil: (x) => x.ceil(), round: (x) => x.round(), reciprocal: (x) => x.reciprocal(), clamp: (x) => x.clamp(-1, 1),
  "clamp finite": (x) => x.clamp(-1e-35, 1), leaky_relu: (x) => F.leakyRelu(x, 0.1), "leaky_relu finite": (x) => F.leakyRelu(x, 0.1),
  maximum: (x) => x.maximum(torch.zerosLike(x)), minimum: (x) => x.minimum(torch.zerosLike(x)), max: (x) => x.max(), min: (x) => x.min(),
  amax: (x) => torch.amax(x), sum: (x) => x.narrow(0, 0, 10).sum(), "sum inf": (x) => x.narrow(0, 0, 11).sum(), "mean nan": (x) => x.mean(),
  argmax: (x) => x.narrow(0, 0, 12).argmax(), "mul tiny": (x) => x.mul(1e-10), "div tiny": (x) => x.div(1e10),
  "softmax -inf": (x) => x.narrow(0, 6, 6).softmax(0), "log_softmax big": (x) => x.logSoftmax(0), gelu: (x) => F.gelu(x), silu: (x) => F.silu(x),
  elu: (x) => F.elu(x), softplus: (x) => F.softplus(x),
};

/** float32's smallest normal number: below it (denormals) WebGL and WebGPU shaders flush to zero, and no API turns that off. */
const FLT_MIN = 1.1754943508222875e-38;

/**
 * Elements whose input is a denormal are not compared on webgl/webgpu: the GPU reads such an input as ±0 (a hardware
 * rule, not an op's bug). Every other element is, and every element on cpu, wasm and fastcpu.
 */
function skipDenormalInputs(x: number[], v: unknown, backend: string): unknown {
  if (backend !== "webgl" && backend !== "webgpu") return v;
  const vals = decode(v) as number[];
  return vals.length === x.length ? vals.map((e, i) => (x[i] !== 0 && Math.abs(x[i]) < FLT_MIN ? "skip" : e)) : v;
}

function runAudit(c: Case): void {
  const xs = decode(c.x) as number[];
  const x = torch.tensor(xs, { requiresGrad: c.dx !== undefined });
  const y = auditOps[c.name](x);
  const backend = torch.tf.getBackend();
  assertSpecialClose(y.tolist(), skipDenormalInputs(xs, c.y, backend), `${c.name} forward`);
  if (c.dx === undefined) return;
  y.sum().backward();
  assertSpecialClose(x.grad!.tolist(), skipDenormalInputs(xs, c.dx, backend), `${c.name} gradient`);
}

export const runners: Record<string, (c: Case) => void> = {
  module: runModule, fn: runFn, autograd_grad: runAutogradGrad, clip: runClip, audit: runAudit,
};
