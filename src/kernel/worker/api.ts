// The API a cell sees without imports (and `import { … } from "gradbook"`): torch, nn, F, optim, DataLoader, datasets, transforms, gym.
import * as core from "../../core";
import { Tensor } from "../../core";
import * as data from "../../data";
import * as envs from "../../envs";
import * as nn from "../../nn";
import * as optim from "../../optim";
import { loadSafetensors } from "../../io/import";
import { installPythonNames, pythonNamed } from "./python-names";

/**
 * torch.nn (layers, losses, init, functional) and torch.optim (the optimizers, and `optim.lrScheduler`, PyTorch's
 * `torch.optim.lr_scheduler`). Namespaces, not consts, so `nn.Linear`, `nn.Module` and `optim.Optimizer` name types in cells too.
 */
export { nn, optim };
/** torch.nn.functional. */
export const F = nn.functional;
/** Classes, so `loader: DataLoader` and `ds: Dataset` name types in cells too (a destructured const is only a value). */
export { DataLoader, TensorDataset, Dataset } from "../../data";
export const { randomSplit, datasets, transforms } = data;
const { DataLoader, TensorDataset, Dataset } = data;
/** OpenAI Gym's environments: `gym.make("FrozenLake-v1", { isSlippery: false })`. */
export const gym = envs.gym;

/** torch.utils.data. */
const utils = {
  data: { DataLoader: data.DataLoader, TensorDataset: data.TensorDataset, Dataset: data.Dataset, Subset: data.Subset, randomSplit: data.randomSplit, defaultCollate: data.collate },
};

/** Gradbook always computes on the backend chosen at start; this exists so PyTorch code ports unchanged. */
export function device(name = "cpu"): string {
  return name;
}

/** The `torch` namespace: factories, math, grad mode, seeds, and the sub-modules. */
export const torch = {
  /** `torch.Tensor(2, 3)` (sizes) or `torch.Tensor([[1, 2]])` (data), float32, with or without `new`; `x instanceof torch.Tensor`. */
  Tensor: core.TorchTensor,
  FloatTensor: core.FloatTensor,
  /** PyTorch's int64 tensor; int32 here (tfjs has no 64-bit integers). */
  LongTensor: core.LongTensor,
  IntTensor: core.IntTensor,
  BoolTensor: core.BoolTensor,
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
  empty: core.empty,
  fullLike: core.fullLike,
  randLike: core.randLike,
  randnLike: core.randnLike,
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
  square: core.square,
  sin: core.sin,
  cos: core.cos,
  log1p: core.log1p,
  reciprocal: core.reciprocal,
  floor: core.floor,
  ceil: core.ceil,
  round: core.round,
  sign: core.sign,
  erf: core.erf,
  amax: core.amax,
  amin: core.amin,
  einsum: core.einsum,
  softmax: core.softmax,
  logSoftmax: core.logSoftmax,
  conv2d: core.conv2d,
  maxPool2d: core.maxPool2d,
  avgPool2d: core.avgPool2d,
  dropout: core.dropout,
  batchNorm: core.batchNorm,
  matmul: core.matmul,
  mm: core.mm,
  bmm: core.bmm,
  sum: core.sum,
  mean: core.mean,
  max: core.max,
  min: core.min,
  argmax: core.argmax,
  argmin: core.argmin,
  var: core.variance,
  std: core.std,
  norm: core.norm,
  logsumexp: core.logsumexp,
  prod: core.prod,
  cumsum: core.cumsum,
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
  t: core.t,
  flip: core.flip,
  select: core.select,
  narrow: core.narrow,
  split: core.split,
  chunk: core.chunk,
  unbind: core.unbind,
  indexSelect: core.indexSelect,
  gather: core.gather,
  where: core.where,
  maskedFill: core.maskedFill,
  nonzero: core.nonzero,
  detach: core.detach,
  clone: core.clone,
  noGrad: core.noGrad,
  enableGrad: core.enableGrad,
  isGradEnabled: core.isGradEnabled,
  manualSeed: core.manualSeed,
  getRngState: core.getRngState,
  setRngState: core.setRngState,
  Generator: core.Generator,
  float32: core.float32,
  int32: core.int32,
  int64: core.int64,
  long: core.int64,
  bool: core.bool,
  device,
  cuda: {
    isAvailable: (): boolean => false,
    /** No-op: Gradbook's random numbers come from torch.manualSeed. */
    manualSeed: (_seed: number): void => {},
    manualSeedAll: (_seed: number): void => {},
  },
  /** torch.autograd: `torch.autograd.grad(loss, [x, w])` (first-order gradients, returned instead of stored in .grad). */
  autograd: {
    grad: core.autogradGrad,
    /** `torch.autograd.Variable(x)` returns x (Variables merged into Tensors in PyTorch 0.4). */
    Variable: core.Variable,
  },
  nn,
  optim,
  utils,
};

export const { tensor, manualSeed, noGrad } = torch;
export { Tensor };
export { loadSafetensors };

installPythonNames();

/** Everything a cell has in scope (the kernel adds print, display, log and exportWeights). Snake_case names fail (python-names.ts). */
export const api: Record<string, unknown> = {
  torch: pythonNamed(torch),
  nn: pythonNamed(nn),
  F: pythonNamed(F),
  optim: pythonNamed(optim),
  DataLoader,
  TensorDataset,
  Dataset,
  randomSplit,
  datasets: pythonNamed(datasets),
  transforms: pythonNamed(transforms),
  gym: pythonNamed(gym),
  Tensor,
  tensor,
  manualSeed,
  noGrad,
  loadSafetensors,
};
