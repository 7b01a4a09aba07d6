// Activation and reshaping modules: ReLU, Sigmoid, Tanh, LeakyReLU, Softmax, LogSoftmax, Flatten, Unflatten.
import { flatten, leakyRelu, normDim, type Tensor } from "../core";
import * as F from "./functional";
import { Module } from "./module";

/** max(0, x) elementwise, like `torch.nn.ReLU`. Any shape → same shape. */
export class ReLU extends Module {
  override forward(x: Tensor): Tensor {
    return F.relu(x);
  }
}

/** 1 / (1 + e^−x) elementwise, like `torch.nn.Sigmoid`. Any shape → same shape. */
export class Sigmoid extends Module {
  override forward(x: Tensor): Tensor {
    return F.sigmoid(x);
  }
}

/** tanh(x) elementwise, like `torch.nn.Tanh`. Any shape → same shape. */
export class Tanh extends Module {
  override forward(x: Tensor): Tensor {
    return F.tanh(x);
  }
}

/** x for x > 0, negativeSlope·x otherwise (default 0.01), like `torch.nn.LeakyReLU`. Any shape → same shape. */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negative_slope=${this.negativeSlope}`;
  }
}

/** Softmax along `dim`, like `torch.nn.Softmax(dim)`: e.g. [N, C] scores → [N, C] probabilities with dim 1. */
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return F.softmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** log(softmax(x)) along `dim`, like `torch.nn.LogSoftmax(dim)`; pair it with NLLLoss. [N, C] → [N, C]. */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return F.logSoftmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** Flattens dims startDim..endDim (default 1..-1: keeps the batch dim), like `torch.nn.Flatten`: [N, C, H, W] → [N, C·H·W]. */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/**
 * Splits dim `dim` into `unflattenedSize`, like `torch.nn.Unflatten(dim, unflattened_size)`: the inverse of Flatten,
 * e.g. `new nn.Unflatten(1, [32, 7, 7])`: [N, 1568] → [N, 32, 7, 7] (a decoder's first step).
 */
export class Unflatten extends Module {
  readonly unflattenedSize: number[];
  constructor(
    readonly dim: number,
    unflattenedSize: number[],
  ) {
    super();
    if (!Array.isArray(unflattenedSize) || unflattenedSize.some((s) => !Number.isInteger(s) || (s < 1 && s !== -1))) {
      throw new TypeError(`Unflatten(): unflattened_size must be a list of sizes, e.g. new nn.Unflatten(1, [32, 7, 7]), got ${JSON.stringify(unflattenedSize)}`);
    }
    this.unflattenedSize = [...unflattenedSize];
  }
  override forward(x: Tensor): Tensor {
    const d = normDim(this.dim, x.ndim);
    const s = x.shape;
    return x.reshape([...s.slice(0, d), ...this.unflattenedSize, ...s.slice(d + 1)]);
  }
  override extraRepr(): string {
    const u = this.unflattenedSize;
    return `dim=${this.dim}, unflattened_size=${u.length === 1 ? `(${u[0]},)` : `(${u.join(", ")})`}`;
  }
}
