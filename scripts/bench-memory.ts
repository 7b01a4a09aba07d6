// `npm run bench -- --memory`: 10 epochs of the MNIST MLP tutorial's training loop, written as a learner writes it (no
// dispose, no tidy), with tensor count, tensor bytes and JS heap read after every epoch: memory must stay flat.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { api } from "../src/kernel/worker/api";
import { configureMnist } from "../src/data/mnist";
import { fileFetch } from "../src/data/test-mnist-source";
import { memoryInfo, tf } from "../src/core";
import { patchWasmTransposedMatMul, registerFastCpu } from "../src/core/fastcpu/register";
import { judge, type MemoryRun, type MemorySample } from "./bench-memory-report";

/** Forces a full GC and lets FinalizationRegistry callbacks run, so counts reflect what is really alive. */
async function settle(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function runMemoryBench(opts: { epochs: number; trainLimit?: number; say: (line: string) => void }): Promise<MemoryRun> {
  const { torch, nn, F, optim, DataLoader, datasets, transforms } = api as unknown as typeof import("../src/kernel/worker/api");
  // What `auto` picks on a machine without a GPU. Not initBackend(): it imports tfjs-wasm lazily, which Vite's module
  // runner cannot do once the script is loaded (scripts/bench.mjs imports tfjs-wasm natively before it starts).
  patchWasmTransposedMatMul(tf);
  registerFastCpu(tf);
  if (!(await tf.setBackend("fastcpu"))) throw new Error("the memory bench needs the fastcpu backend, which did not start");
  await tf.ready();
  const backend = tf.getBackend();
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
