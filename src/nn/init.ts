// nn.init: in-place initialisers, and PyTorch's default init for Linear/Conv (kaiming_uniform with a=sqrt(5)).
import { defaultGenerator, noGrad, tf, type Generator, type Tensor } from "../core";

function fill(t: Tensor, draw: (g: Generator) => number, g: Generator = defaultGenerator): Tensor {
  const n = t.numel();
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = draw(g);
  noGrad(() => t.assignData(tf.tensor(v, t.shape, "float32")));
  return t;
}

/** fan_in and fan_out as PyTorch computes them ([out, in, *kernel]). */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  const s = t.shape;
  if (s.length < 2) throw new RangeError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = s.slice(2).reduce((a, b) => a * b, 1);
  return [s[1] * receptive, s[0] * receptive];
}

/** Fills t in place with U(a, b) draws from the seeded generator (manualSeed). Any shape. */
export function uniform_(t: Tensor, a = 0, b = 1): Tensor {
  return fill(t, (g) => a + (b - a) * g.random());
}

/** Fills t in place with N(mean, std²) draws from the seeded generator. Any shape. */
export function normal_(t: Tensor, mean = 0, std = 1): Tensor {
  return fill(t, (g) => mean + std * g.normal());
}

/** Fills t in place with `value`. */
export function constant_(t: Tensor, value: number): Tensor {
  noGrad(() => t.assignData(tf.fill(t.shape, value, t.dtype === "int32" ? "int32" : "float32")));
  return t;
}

/** Fills t with zeros, in place. */
export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
/** Fills t with ones, in place. */
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

export type Nonlinearity = "linear" | "conv1d" | "conv2d" | "conv3d" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain); `param` is leaky_relu's slope (default 0.01). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear": case "conv1d": case "conv2d": case "conv3d": case "sigmoid": return 1;
    case "tanh": return 5 / 3;
    case "relu": return Math.SQRT2;
    case "leaky_relu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu": return 3 / 4;
    default: throw new RangeError(`Unsupported nonlinearity ${nonlinearity}`);
  }
}

/** Xavier/Glorot uniform, in place: U(−b, b), b = gain·√(6 / (fan_in + fan_out)). t: at least 2-D. */
export function xavierUniform_(t: Tensor, gain = 1): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const b = gain * Math.sqrt(6 / (fi + fo));
  return uniform_(t, -b, b);
}

/** Xavier/Glorot normal, in place: N(0, std²), std = gain·√(2 / (fan_in + fan_out)). t: at least 2-D. */
export function xavierNormal_(t: Tensor, gain = 1): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fi + fo)));
}

export interface KaimingOptions {
  a?: number;
  mode?: "fan_in" | "fan_out";
  nonlinearity?: Nonlinearity;
}

function kaimingStd(t: Tensor, opts: KaimingOptions): number {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const mode = opts.mode ?? "fan_in";
  if (mode !== "fan_in" && mode !== "fan_out") throw new RangeError(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  return calculateGain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0) / Math.sqrt(mode === "fan_out" ? fo : fi);
}

/** He uniform, in place: U(−b, b), b = gain·√(3 / fan) (defaults: a = 0, fan_in, leaky_relu). t: at least 2-D. */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const b = Math.sqrt(3) * kaimingStd(t, opts);
  return uniform_(t, -b, b);
}

/** He normal, in place: N(0, std²), std = gain / √fan (defaults: a = 0, fan_in, leaky_relu). t: at least 2-D. */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd(t, opts));
}

/** PyTorch's reset_parameters() for Linear and Conv: weight kaiming_uniform(a=√5), bias U(±1/√fan_in). */
export function defaultLayerInit(weight: Tensor, bias: Tensor | null): void {
  kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const [fi] = calculateFanInAndFanOut(weight);
    const b = fi > 0 ? 1 / Math.sqrt(fi) : 0;
    uniform_(bias, -b, b);
  }
}
