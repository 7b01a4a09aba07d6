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

export function uniform_(t: Tensor, a = 0, b = 1): Tensor {
  return fill(t, (g) => a + (b - a) * g.random());
}

export function normal_(t: Tensor, mean = 0, std = 1): Tensor {
  return fill(t, (g) => mean + std * g.normal());
}

export function constant_(t: Tensor, value: number): Tensor {
  noGrad(() => t.assignData(tf.fill(t.shape, value, t.dtype === "int32" ? "int32" : "float32")));
  return t;
}

export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

function gain(nonlinearity: string, a: number): number {
  if (nonlinearity === "relu") return Math.SQRT2;
  if (nonlinearity === "leaky_relu") return Math.sqrt(2 / (1 + a * a));
  if (nonlinearity === "tanh") return 5 / 3;
  return 1;
}

/** Xavier/Glorot uniform: U(-b, b), b = gain·sqrt(6 / (fan_in + fan_out)). */
export function xavierUniform_(t: Tensor, g = 1): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const b = g * Math.sqrt(6 / (fi + fo));
  return uniform_(t, -b, b);
}

export interface KaimingOptions {
  a?: number;
  mode?: "fan_in" | "fan_out";
  nonlinearity?: "relu" | "leaky_relu" | "tanh" | "linear" | "sigmoid";
}

/** He uniform: U(-b, b), b = gain·sqrt(3 / fan). */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const fan = opts.mode === "fan_out" ? fo : fi;
  const b = gain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0) * Math.sqrt(3 / fan);
  return uniform_(t, -b, b);
}

/** He normal: N(0, std²), std = gain / sqrt(fan). */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const fan = opts.mode === "fan_out" ? fo : fi;
  return normal_(t, 0, gain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0) / Math.sqrt(fan));
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
