// A small CNN (conv, batch norm, pools, dropout) trains inside a DataLoader loop written as a learner would; memory stays flat.
import { describe, expect, it } from "vitest";
import { manualSeed, memoryInfo, randint, randn, type Tensor } from "../core";
import { DataLoader, TensorDataset } from "../data";
import * as nn from "../nn";
import * as optim from "../optim";

class SmallCnn extends nn.Module {
  conv1 = new nn.Conv2d(1, 4, 3, { padding: 1 });
  bn1 = new nn.BatchNorm2d(4);
  pool = new nn.MaxPool2d(2);
  conv2 = new nn.Conv2d(4, 8, 3);
  avg = new nn.AvgPool2d(2);
  drop = new nn.Dropout(0.25);
  fc = new nn.Linear(8, 3);

  override forward(x: Tensor): Tensor {
    x = this.pool(nn.functional.relu(this.bn1(this.conv1(x)))); // [N, 4, 4, 4]
    x = this.avg(nn.functional.relu(this.conv2(x))); // [N, 8, 1, 1]
    return this.fc(this.drop(x.flatten(1)));
  }
}

describe("CNN training in a DataLoader loop", () => {
  it("keeps the live tensor count flat across steps and lowers the loss", () => {
    manualSeed(0);
    const ds = new TensorDataset(randn(96, 1, 8, 8), randint(0, 3, [96]));
    const loader = new DataLoader(ds, { batchSize: 16, shuffle: true });
    const model = new SmallCnn();
    const lossFn = new nn.CrossEntropyLoss();
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const counts: number[] = [];
    const bytes: number[] = [];
    const losses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const [x, y] of loader) {
        opt.zeroGrad();
        const loss = lossFn(model(x), y);
        loss.backward();
        opt.step();
        losses.push(loss.item());
        counts.push(memoryInfo().numTensors);
        bytes.push(memoryInfo().numBytes);
      }
    }
    // Every step of an epoch ends with the same live tensors and bytes. (Each finished loop leaves its last step's
    // tensors usable after the loop, as DataLoader documents; the FinalizationRegistry frees them later.)
    const steps = loader.length;
    for (let e = 0; e < 3; e++) {
      expect(new Set(counts.slice(e * steps, (e + 1) * steps)).size).toBe(1);
      expect(new Set(bytes.slice(e * steps, (e + 1) * steps)).size).toBe(1);
    }
    const first = losses.slice(0, 6).reduce((a, b) => a + b) / 6;
    const last = losses.slice(-6).reduce((a, b) => a + b) / 6;
    expect(last).toBeLessThan(first);
  });
});
