// `npm run bench -- --memory`: 10 epochs of the MNIST MLP tutorial's training loop, written as a learner writes it (no
// dispose, no tidy), with tensor count, tensor bytes and JS heap read after every epoch: memory must stay flat.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { api } from "../src/kernel/api";
import { configureMnist } from "../src/data/mnist";
import { fileFetch } from "../src/data/test-mnist-source";
import { initBackend, memoryInfo } from "../src/core";

export interface MemorySample {
  epoch: number;
  tensors: number;
  bytes: number;
  heapMB: number;
  testAccuracy: number;
  seconds: number;
}

export interface MemoryRun {
  backend: string;
  epochs: number;
  trainImages: number;
  batch: number;
  samples: MemorySample[];
  /** Largest change from the end of epoch 1 to the end of any later epoch. */
  tensorDrift: number;
  byteDrift: number;
  heapDriftMB: number;
  flat: boolean;
}

/** Heap may wobble this much between epochs (V8's own caches, compiled code) and still count as flat. */
export const HEAP_SLACK_MB = 8;

/** Forces a full GC and lets FinalizationRegistry callbacks run, so counts reflect what is really alive. */
async function settle(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Judges a series of per-epoch samples: epoch 1 is the baseline (first-epoch caches are allowed to fill). */
export function judge(samples: MemorySample[]): Pick<MemoryRun, "tensorDrift" | "byteDrift" | "heapDriftMB" | "flat"> {
  const base = samples[0];
  const later = samples.slice(1);
  const drift = (f: (s: MemorySample) => number) => Math.max(0, ...later.map((s) => Math.abs(f(s) - f(base))));
  const tensorDrift = drift((s) => s.tensors);
  const byteDrift = drift((s) => s.bytes);
  const heapDriftMB = drift((s) => s.heapMB);
  return { tensorDrift, byteDrift, heapDriftMB, flat: samples.length > 1 && tensorDrift === 0 && byteDrift === 0 && heapDriftMB <= HEAP_SLACK_MB };
}

export async function runMemoryBench(opts: { epochs: number; trainLimit?: number; say: (line: string) => void }): Promise<MemoryRun> {
  const { torch, nn, F, optim, DataLoader, datasets, transforms } = api as unknown as typeof import("../src/kernel/api");
  const backend = (await initBackend("wasm")).backend;
  configureMnist({ baseUrl: "mem://mnist/", fetchImpl: fileFetch });
  torch.manualSeed(1);
  const transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]);
  const trainSet = await datasets.MNIST("./mnist_data/", { train: true, transform, download: true, limit: opts.trainLimit });
  const testSet = await datasets.MNIST("./mnist_data/", { train: false, transform });
  const batch = 64;
  const trainLoader = new DataLoader(trainSet, { batchSize: batch, shuffle: true });
  const testLoader = new DataLoader(testSet, { batchSize: 1000 });
  const model = new nn.Sequential(
    new nn.Flatten(),
    new nn.Linear(784, 256), new nn.ReLU(),
    new nn.Linear(256, 128), new nn.ReLU(),
    new nn.Linear(128, 64), new nn.ReLU(),
    new nn.Linear(64, 10),
  );
  const lossFn = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.03 });
  const samples: MemorySample[] = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    model.train();
    for (const [data, target] of trainLoader) {
      optimizer.zeroGrad();
      const loss = lossFn(model(data), target);
      loss.backward();
      optimizer.step();
    }
    model.eval();
    let correct = 0;
    torch.noGrad(() => {
      for (const [data, target] of testLoader) correct += F.softmax(model(data), 1).argmax(1).eq(target).sum().item();
    });
    await settle();
    const m = memoryInfo();
    const s: MemorySample = {
      epoch,
      tensors: m.numTensors,
      bytes: m.numBytes,
      heapMB: process.memoryUsage().heapUsed / 2 ** 20,
      testAccuracy: (100 * correct) / testSet.length,
      seconds: (performance.now() - started) / 1000,
    };
    samples.push(s);
    opts.say(`memory  epoch ${epoch}: ${s.tensors} tensors, ${(s.bytes / 2 ** 20).toFixed(2)} MiB tensors, ${s.heapMB.toFixed(1)} MiB JS heap, test ${s.testAccuracy.toFixed(2)}%, ${s.seconds.toFixed(0)} s`);
  }
  return { backend, epochs: opts.epochs, trainImages: trainSet.length, batch, samples, ...judge(samples) };
}

/** The README/latest.md section for a memory run. */
export function renderMemory(run: MemoryRun): string {
  const rows = run.samples.map(
    (s) => `| ${s.epoch} | ${s.tensors} | ${(s.bytes / 2 ** 20).toFixed(3)} | ${s.heapMB.toFixed(1)} | ${s.testAccuracy.toFixed(2)}% | ${s.seconds.toFixed(0)} s |`,
  );
  return [
    `**Memory over a long run** (MNIST MLP 784-256-128-64-10, SGD lr 0.03, batch ${run.batch}, ${run.trainImages.toLocaleString("en")} training images per epoch, ${run.backend}, in Node with the app's core; the loop is written as a learner writes it: no dispose, no tidy; counts after a full GC at each epoch's end)`,
    "",
    "| epoch | live tensors | tensor MiB | JS heap MiB | test accuracy | elapsed |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Drift after epoch 1: ${run.tensorDrift} tensors, ${run.byteDrift} bytes, ${run.heapDriftMB.toFixed(1)} MiB heap (slack ${HEAP_SLACK_MB} MiB) → **${run.flat ? "flat" : "NOT flat"}**.`,
  ].join("\n");
}
