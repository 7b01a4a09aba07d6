// The peer: the same models through tfjs's own Layers API (fit / predictOnBatch), on the same tfjs-core and backend.
import * as tfl from "@tensorflow/tfjs-layers";
import { tf } from "../src/core";
import type { RawBatch } from "./data";
import type { ModelName } from "./protocol";
import type { MakeBlock } from "./timing";

/** Keras-style twin of each model; softmax output + sparse categorical cross-entropy = PyTorch's CrossEntropyLoss. */
export function buildLayers(model: ModelName): tfl.Sequential {
  const dense = (units: number, activation: "relu" | "softmax", inputShape?: number[]) =>
    tfl.layers.dense({ units, activation, ...(inputShape ? { inputShape } : {}) });
  const net = tfl.sequential();
  switch (model) {
    case "softmax":
      net.add(dense(10, "softmax", [784]));
      break;
    case "mlp":
      net.add(dense(256, "relu", [784]));
      net.add(dense(128, "relu"));
      net.add(dense(64, "relu"));
      net.add(dense(10, "softmax"));
      break;
    case "cnn":
      net.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, activation: "relu" }));
      net.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
      net.add(tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: "relu" }));
      net.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
      net.add(tfl.layers.flatten());
      net.add(dense(120, "relu"));
      net.add(dense(84, "relu"));
      net.add(dense(10, "softmax"));
      break;
  }
  net.compile({ optimizer: tf.train.sgd(0.03), loss: "sparseCategoricalCrossentropy" });
  return net;
}

function toTensors(model: ModelName, raw: RawBatch[]): { x: tf.Tensor; y: tf.Tensor }[] {
  return raw.map(({ x, y }) => {
    const n = y.length;
    const shape = model === "cnn" ? [n, 28, 28, 1] : [n, 784];
    return { x: tf.tensor(x, shape), y: tf.tensor(Float32Array.from(y), [n, 1]) };
  });
}

/** A model and its batches, disposed together when the measurement ends. */
export interface LayersCase {
  train: MakeBlock;
  infer: MakeBlock;
  dispose(): void;
}

export function layersCase(model: ModelName, raw: RawBatch[]): LayersCase {
  const net = buildLayers(model);
  const batches = toTensors(model, raw);
  const batchSize = raw[0].y.length;
  const pick = (k: number) => batches[k % batches.length];
  return {
    // fit over the same batches in the same order: no per-step readback; fit reads the loss once at its end.
    train: (steps) => {
      const xs = tf.concat(Array.from({ length: steps }, (_, k) => pick(k).x));
      const ys = tf.concat(Array.from({ length: steps }, (_, k) => pick(k).y));
      return {
        async run() {
          const h = await net.fit(xs, ys, { batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: "never" });
          const loss = h.history.loss[0] as number;
          if (!Number.isFinite(loss)) throw new Error(`the loss became ${loss}`);
        },
        dispose() {
          xs.dispose();
          ys.dispose();
        },
      };
    },
    infer: (steps) => ({
      async run() {
        let out: tf.Tensor | undefined;
        for (let k = 0; k < steps; k++) {
          out?.dispose();
          out = net.predictOnBatch(pick(k).x) as tf.Tensor;
        }
        await out!.data();
        out!.dispose();
      },
    }),
    dispose() {
      net.dispose();
      for (const b of batches) tf.dispose([b.x, b.y]);
    },
  };
}
