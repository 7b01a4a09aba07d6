// MNIST end to end in Node: load the real files, train softmax regression like the tutorial, check accuracy and flat memory.
import { describe, expect } from "vitest";
import { manualSeed, memoryInfo, noGrad } from "../core";
import * as nn from "../nn";
import * as optim from "../optim";
import { DataLoader } from "./dataloader";
import { MNIST } from "./mnist";
import { useLocalMnist, itWithMnist } from "./test-mnist-source";
import { transforms } from "./transforms";

describe("datasets.MNIST + DataLoader", () => {
  itWithMnist("loads both splits with the right sizes and a [0,1] ToTensor scale", async () => {
    useLocalMnist();
    const train = await MNIST({ train: true, transform: transforms.ToTensor() });
    const test = await MNIST("./mnist_data/", { train: false });
    expect(train.length).toBe(60000);
    expect(test.length).toBe(10000);
    const [img, label] = train.get(0);
    expect(img.shape).toEqual([1, 28, 28]);
    expect(label).toBe(5);
    expect(img.max().item()).toBeLessThanOrEqual(1);
    expect(test.get(0)[0].max().item()).toBe(255);
  });

  itWithMnist("trains softmax regression to >88% in one epoch with flat memory", async () => {
    useLocalMnist();
    manualSeed(0);
    const train = await MNIST({ train: true, transform: transforms.ToTensor() });
    const test = await MNIST({ train: false, transform: transforms.ToTensor() });
    const loader = new DataLoader(train, { batchSize: 64, shuffle: true });
    expect(loader.length).toBe(938);
    const model = new nn.Linear(784, 10);
    const lossFn = new nn.CrossEntropyLoss();
    const opt = new optim.SGD(model.parameters(), { lr: 0.03 });
    const counts: number[] = [];
    let step = 0;
    for (const [x, y] of loader) {
      opt.zeroGrad();
      const loss = lossFn(model(x.view(-1, 784)), y);
      loss.backward();
      opt.step();
      if (++step % 100 === 0) counts.push(memoryInfo().numTensors);
    }
    // Memory is flat: the live tensor count is the same at every checkpoint after the first.
    expect(new Set(counts.slice(1)).size).toBe(1);
    let correct = 0;
    model.eval();
    noGrad(() => {
      for (const [x, y] of new DataLoader(test, { batchSize: 1000 })) {
        correct += model(x.view(-1, 784)).argmax(1).eq(y).sum().item();
      }
    });
    expect(correct / 10000).toBeGreaterThan(0.88);
  });
});
