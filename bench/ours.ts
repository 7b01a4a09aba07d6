// Gradbook's side of the bench: the models and loops written exactly as a learner writes them in a cell.
import { readScalarsAsync, type Tensor } from "../src/core";
import { DataLoader, Dataset, nn, optim, torch } from "../src/kernel/worker/api";
import type { Module } from "../src/nn";
import type { RawBatch } from "./data";
import type { ModelName } from "./protocol";
import type { MakeBlock } from "./timing";

type Ctor = new (...args: number[]) => object;
type Sequential = InstanceType<typeof nn.Sequential>;

// Typed loosely on purpose: src/nn's callable-Module typing rejects `new nn.Sequential(new nn.Linear(…))` in tsc
// (a subclass's narrower forward), although it runs fine; cells are not type-checked at run time.
const seq = (...mods: object[]): Sequential => new nn.Sequential(...(mods as unknown as Module[]));

/** nn.Conv2d and nn.MaxPool2d, if this build has them (the CNN is "n/a" otherwise). */
function convLayers(): { Conv2d: Ctor; MaxPool2d: Ctor } | null {
  const all = nn as unknown as Record<string, unknown>;
  if (typeof all.Conv2d !== "function" || typeof all.MaxPool2d !== "function") return null;
  return { Conv2d: all.Conv2d as Ctor, MaxPool2d: all.MaxPool2d as Ctor };
}

/** Why a model cannot run with our API here, or null when it can. */
export function oursUnavailable(model: ModelName): string | null {
  return model === "cnn" && !convLayers() ? "n/a: nn.Conv2d / nn.MaxPool2d are not in src/nn yet" : null;
}

export function buildOurs(model: ModelName): Sequential {
  switch (model) {
    case "softmax":
      return seq(new nn.Linear(784, 10));
    case "mlp":
      return seq(
        new nn.Linear(784, 256), new nn.ReLU(),
        new nn.Linear(256, 128), new nn.ReLU(),
        new nn.Linear(128, 64), new nn.ReLU(),
        new nn.Linear(64, 10),
      );
    case "cnn": {
      const conv = convLayers();
      if (!conv) throw new Error("nn.Conv2d / nn.MaxPool2d are missing");
      const { Conv2d, MaxPool2d } = conv;
      return seq(
        new Conv2d(1, 6, 5), new nn.ReLU(), new MaxPool2d(2),
        new Conv2d(6, 16, 5), new nn.ReLU(), new MaxPool2d(2),
        new nn.Flatten(),
        new nn.Linear(256, 120), new nn.ReLU(),
        new nn.Linear(120, 84), new nn.ReLU(),
        new nn.Linear(84, 10),
      );
    }
  }
}

/** Serves the fixed batches in order, cycling; the DataLoader asks for `steps` batches per pass. */
class FixedBatches extends Dataset<Tensor[]> {
  constructor(
    private readonly batches: Tensor[][],
    private readonly batchSize: number,
    private readonly steps: number,
  ) {
    super();
  }
  get length(): number {
    return this.steps * this.batchSize;
  }
  get(): Tensor[] {
    throw new Error("FixedBatches serves whole batches only");
  }
  override getBatch(indices: Int32Array): Tensor[] {
    return this.batches[Math.floor(indices[0] / this.batchSize) % this.batches.length];
  }
}

function toTensors(model: ModelName, raw: RawBatch[]): Tensor[][] {
  return raw.map(({ x, y }) => {
    const n = y.length;
    const shape = model === "cnn" ? [n, 1, 28, 28] : [n, 784];
    return [torch.fromTypedArray(x, shape), torch.fromTypedArray(y, [n], { dtype: torch.int64 })];
  });
}

/** Blocks of training steps: zeroGrad, model(x), loss, backward, step; one loss readback per block. */
export function oursTrain(model: ModelName, raw: RawBatch[]): MakeBlock {
  const net = buildOurs(model);
  const lossFn = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.03 });
  const batches = toTensors(model, raw);
  const batchSize = raw[0].y.length;
  return (steps) => {
    const loader = new DataLoader(new FixedBatches(batches, batchSize, steps), { batchSize });
    return {
      async run() {
        let last: Tensor | undefined;
        for (const [x, y] of loader) {
          optimizer.zeroGrad();
          const output = net(x);
          const loss = lossFn(output, y);
          loss.backward();
          optimizer.step();
          last = loss;
        }
        const [value] = await readScalarsAsync([last!]);
        if (!Number.isFinite(value)) throw new Error(`the loss became ${value}`);
      },
    };
  };
}

/** Blocks of forward passes under noGrad; one readback of the last output per block. */
export function oursInfer(model: ModelName, raw: RawBatch[]): MakeBlock {
  const net = buildOurs(model).eval();
  const batches = toTensors(model, raw);
  const batchSize = raw[0].y.length;
  return (steps) => {
    const loader = new DataLoader(new FixedBatches(batches, batchSize, steps), { batchSize });
    return {
      async run() {
        let out: Tensor | undefined;
        torch.noGrad(() => {
          for (const [x] of loader) out = net(x);
        });
        await readScalarsAsync([out!]);
      },
    };
  };
}
