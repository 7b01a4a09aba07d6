// TensorFlow.js weights export: tfjs's own tf.io.decodeWeights reads back every tensor exactly.
import { describe, expect, it } from "vitest";
import { manualSeed, randn, scope, tf } from "../core";
import * as nn from "../nn";
import { stateDictToTfjs } from "./tfjs-weights";

describe("stateDictToTfjs", () => {
  it("writes a manifest and .bin that tf.io.decodeWeights decodes to the stateDict", () => {
    manualSeed(0);
    const model = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.Flatten(), new nn.Linear(8, 3));
    scope(() => model(randn(2, 1, 4, 4))); // one train-mode batch: running stats and num_batches_tracked move
    const { json, bin } = stateDictToTfjs(model, "cnn.bin");
    expect(json.weightsManifest[0].paths).toEqual(["cnn.bin"]);
    const sd = model.stateDict();
    expect(json.weightsManifest[0].weights.map((w) => w.name)).toEqual(Object.keys(sd));
    expect(json.weightsManifest[0].weights.find((w) => w.name === "0.weight")).toEqual({ name: "0.weight", shape: [2, 1, 3, 3], dtype: "float32" });
    expect(json.weightsManifest[0].weights.find((w) => w.name === "1.num_batches_tracked")?.dtype).toBe("int32");
    const before = tf.memory().numTensors;
    const decoded = tf.io.decodeWeights(bin.slice().buffer, json.weightsManifest[0].weights);
    for (const [k, t] of Object.entries(sd)) {
      expect(decoded[k].shape).toEqual(t.shape);
      expect(Array.from(decoded[k].dataSync())).toEqual(Array.from(t.tfData.dataSync()));
    }
    expect(Array.from(decoded["1.num_batches_tracked"].dataSync())).toEqual([1]);
    tf.dispose(Object.values(decoded));
    expect(tf.memory().numTensors).toBe(before);
  });
});

