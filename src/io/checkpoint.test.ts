// Checkpoints: save mid-training, restore into a fresh model + optimizer, and the next steps are bit-identical.
import { describe, expect, it } from "vitest";
import { manualSeed, randn, randint, scope, tf, type Tensor } from "../core";
import * as nn from "../nn";
import * as optim from "../optim";
import { checkpointBytes, restoreCheckpoint } from "./checkpoint";
import { readSafetensors } from "./safetensors";

class Net extends nn.Module {
  fc1 = new nn.Linear(6, 8);
  bn = new nn.BatchNorm1d(8);
  drop = new nn.Dropout(0.3);
  fc2 = new nn.Linear(8, 3);

  override forward(x: Tensor): Tensor {
    return this.fc2(this.drop(nn.functional.relu(this.bn(this.fc1(x)))));
  }
}

const x = () => randn(10, 6);
function steps(model: Net, opt: optim.Optimizer, n: number, data: Array<[Tensor, Tensor]>, from: number): void {
  const lossFn = new nn.CrossEntropyLoss();
  for (let i = from; i < from + n; i++)
    scope(() => {
      opt.zeroGrad();
      const loss = lossFn(model(data[i][0]), data[i][1]);
      loss.backward();
      opt.step();
    });
}
const countState = (o: optim.Optimizer) => [...o.state.values()].reduce((n, s) => n + Object.keys(s.buffers).length, 0);
const values = (m: nn.Module) => Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, Array.from(t.tfData.dataSync())]));

describe("checkpointBytes / restoreCheckpoint", () => {
  it("resumes training bit-identically (weights, Adam state, BatchNorm stats, dropout RNG)", () => {
    manualSeed(1);
    const data: Array<[Tensor, Tensor]> = Array.from({ length: 6 }, () => [x().keep(), randint(0, 3, [10]).keep()]);
    manualSeed(2);
    const a = new Net();
    const optA = new optim.Adam(a.parameters(), { lr: 0.01 });
    steps(a, optA, 3, data, 0);
    let before = tf.memory().numTensors;
    const bytes = checkpointBytes({ model: a, optimizer: optA, epoch: 3, extra: { curve: [1, 2], note: "hi" } });
    expect(tf.memory().numTensors).toBe(before);
    steps(a, optA, 3, data, 3);

    manualSeed(99); // a different init and RNG position: the checkpoint must override both
    const b = new Net();
    const optB = new optim.Adam(b.parameters(), { lr: 0.5 });
    scope(() => randn(5));
    before = tf.memory().numTensors - countState(optB);
    const { epoch, extra } = restoreCheckpoint(bytes, { model: b, optimizer: optB });
    expect(tf.memory().numTensors - countState(optB)).toBe(before); // no leak besides the restored Adam moments
    expect(epoch).toBe(3);
    expect(extra).toEqual({ curve: [1, 2], note: "hi" });
    expect(optB.paramGroups[0].lr).toBe(0.01);
    steps(b, optB, 3, data, 3);
    expect(values(b)).toEqual(values(a));
    expect(b.bn.stateDict().num_batches_tracked.tfData.dataSync()[0]).toBe(6);

    optA.dispose();
    optB.dispose();
    for (const [xi, yi] of data) for (const t of [xi, yi]) t.dispose();
  });

  it("keeps everything in one safetensors file with PyTorch-named weights and JSON metadata", () => {
    manualSeed(0);
    const m = new nn.Linear(2, 1);
    const opt = new optim.SGD(m.parameters(), { lr: 0.1, momentum: 0.9 });
    scope(() => {
      m(randn(4, 2)).sum().backward();
      opt.step();
    });
    const file = readSafetensors(checkpointBytes({ model: m, optimizer: opt, epoch: 1 }));
    expect([...file.tensors.keys()]).toEqual([
      "model.weight",
      "model.bias",
      "optimizer.state.0.momentumBuffer",
      "optimizer.state.1.momentumBuffer",
    ]);
    const meta = JSON.parse(file.metadata["gradbook.checkpoint"]);
    expect(meta).toMatchObject({ version: 1, epoch: 1, optimizer: { className: "SGD" } });
    expect(meta.rng).toHaveLength(4);
    opt.dispose();
  });

  it("is all-or-nothing: a mismatched optimizer leaves the model unchanged", () => {
    manualSeed(0);
    const a = new Net();
    const optA = new optim.Adam(a.parameters());
    const bytes = checkpointBytes({ model: a, optimizer: optA });
    const b = new Net();
    const snapshot = values(b);
    expect(() => restoreCheckpoint(bytes, { model: b, optimizer: new optim.SGD(b.parameters(), { lr: 0.1 }) })).toThrow(
      "The checkpoint was saved from Adam, but this optimizer is SGD",
    );
    const groups = new optim.Adam([{ params: [b.fc1.weight] }, { params: [b.fc1.bias!, b.fc2.weight, b.fc2.bias!] }]);
    expect(() => restoreCheckpoint(bytes, { model: b, optimizer: groups })).toThrow(/different number of parameter groups/);
    expect(() => restoreCheckpoint(bytes, { model: new nn.Linear(6, 8) })).toThrow(/Error\(s\) in loading state_dict for Linear/);
    expect(values(b)).toEqual(snapshot);
    expect(() => restoreCheckpoint(new Uint8Array(readSafetensorsFreeBytes()), { model: b })).toThrow(/Not a Gradbook checkpoint/);
  });
});

/** A valid safetensors file with no checkpoint metadata. */
function readSafetensorsFreeBytes(): Uint8Array {
  const json = new TextEncoder().encode("{}      ");
  const out = new Uint8Array(8 + json.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}
