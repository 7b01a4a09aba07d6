// The API a cell sees without imports (and `import { … } from "gradbook"`): torch, nn, F, optim, DataLoader, datasets, transforms.
import * as core from "../core";
import { Tensor } from "../core";
import * as data from "../data";
import * as nnAll from "../nn";
import * as optimAll from "../optim";

/** torch.nn: layers, losses, init, functional. */
export const nn = nnAll;
/** torch.nn.functional. */
export const F = nnAll.functional;
/** torch.optim. */
export const optim = optimAll;
export const { DataLoader, TensorDataset, Dataset, randomSplit, datasets, transforms } = data;

/** torch.utils.data. */
const utils = { data: { DataLoader: data.DataLoader, TensorDataset: data.TensorDataset, Dataset: data.Dataset, randomSplit: data.randomSplit } };

/** Gradbook always computes on the backend chosen at start; this exists so PyTorch code ports unchanged. */
export function device(name = "cpu"): string {
  return name;
}

/** The `torch` namespace: factories, math, grad mode, seeds, and the sub-modules. */
export const torch = {
  Tensor,
  tensor: core.tensor,
  fromTypedArray: core.fromTypedArray,
  zeros: core.zeros,
  ones: core.ones,
  full: core.full,
  eye: core.eye,
  arange: core.arange,
  linspace: core.linspace,
  rand: core.rand,
  randn: core.randn,
  randint: core.randint,
  zerosLike: core.zerosLike,
  onesLike: core.onesLike,
  add: core.add,
  sub: core.sub,
  mul: core.mul,
  div: core.div,
  pow: core.pow,
  maximum: core.maximum,
  minimum: core.minimum,
  neg: core.neg,
  exp: core.exp,
  log: core.log,
  sqrt: core.sqrt,
  abs: core.abs,
  clamp: core.clamp,
  sigmoid: core.sigmoid,
  tanh: core.tanh,
  relu: core.relu,
  softmax: core.softmax,
  logSoftmax: core.logSoftmax,
  matmul: core.matmul,
  mm: core.mm,
  bmm: core.bmm,
  sum: core.sum,
  mean: core.mean,
  max: core.max,
  min: core.min,
  argmax: core.argmax,
  argmin: core.argmin,
  eq: core.eq,
  ne: core.ne,
  gt: core.gt,
  lt: core.lt,
  ge: core.ge,
  le: core.le,
  cat: core.cat,
  stack: core.stack,
  flatten: core.flatten,
  reshape: core.reshape,
  squeeze: core.squeeze,
  unsqueeze: core.unsqueeze,
  transpose: core.transpose,
  permute: core.permute,
  noGrad: core.noGrad,
  enableGrad: core.enableGrad,
  isGradEnabled: core.isGradEnabled,
  manualSeed: core.manualSeed,
  Generator: core.Generator,
  float32: core.float32,
  int32: core.int32,
  int64: core.int64,
  long: core.int64,
  bool: core.bool,
  device,
  cuda: { isAvailable: (): boolean => false },
  nn,
  optim,
  utils,
};

export const { tensor, manualSeed, noGrad } = torch;
export { Tensor };

/** Everything a cell has in scope (the kernel adds print, display, log and exportWeights). */
export const api: Record<string, unknown> = {
  torch,
  nn,
  F,
  optim,
  DataLoader,
  TensorDataset,
  Dataset,
  randomSplit,
  datasets,
  transforms,
  Tensor,
  tensor,
  manualSeed,
  noGrad,
};
