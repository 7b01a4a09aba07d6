// How big each tutorial runs in CI and what must hold at that size; read by src/kernel/tutorials.test.ts (the kernel in
// Node) and e2e/tutorials.spec.ts (the headless runner in Chromium). `npm run tutorials:full` checks the full-size bars.

/** What must hold at a tutorial's CI size. */
export interface Small {
  /** Overrides for the `parameters` cell (papermill-style: `-p name=value` in the runner). */
  params?: Record<string, number>;
  /** The last "Accuracy: n/m (x%)" line reaches this. */
  minAccuracy?: number;
  /** Printed numbers: the first group of the last match of `re` lies within [min, max]. */
  printed?: Array<{ re: RegExp; min?: number; max?: number }>;
  /** false when the notebook trains unrelated models one after another, so its first and last losses are not one curve. */
  lossFalls?: false;
  /** tfjs wasm runs convolutions and big matmuls 5–15× faster than cpu in Node; the default is cpu. */
  backend?: "cpu" | "wasm";
}

export const small: Record<string, Small> = {
  "tensors-autograd.ipynb": {
    printed: [
      { re: /autograd +dy\/dx = (\S+)/, min: 7, max: 7 },
      { re: /largest difference from 2·\(input − target\)\/15: (\S+)/, max: 1e-6 },
    ],
  },
  "first-network.ipynb": {
    params: { steps: 60 },
    printed: [
      { re: /MSE: \S+ at the start → (\S+)/, max: 0.05 },
      { re: /Binary accuracy: ([\d.]+)%/, min: 90 },
      { re: /3-class accuracy: ([\d.]+)%/, min: 90 },
    ],
  },
  "loss-functions.ipynb": {
    params: { steps: 150 },
    printed: [
      { re: /CrossEntropyLoss +: ([\d.]+)/, min: 1.418, max: 1.419 },
      { re: /L1 fit +: y = ([\d.-]+)x/, min: 1.8, max: 2.2 },
      { re: /MSE fit +: y = ([\d.-]+)x/, min: 2.5 },
    ],
  },
  "optimizers.ipynb": {
    params: { raceSteps: 10 },
    printed: [
      { re: /w after one step: ([\d.]+)/, min: 0.28, max: 0.28 },
      { re: /with zeroGrad\(\): +([\d.-]+)/, min: 2.9, max: 3 },
      { re: /(\d+) optimizers raced/, min: 10, max: 10 },
    ],
  },
  "perceptron-xor.ipynb": {
    params: { steps: 301, printEvery: 100, gateSteps: 150 },
    printed: [
      { re: /^AND .*→ (\d)\/4/m, min: 4 },
      { re: /^OR .*→ (\d)\/4/m, min: 4 },
      { re: /^NAND .*→ (\d)\/4/m, min: 4 },
      { re: /^XOR .*→ (\d)\/4/m, max: 3 },
      { re: /XOR by two layers: \[0, 1, 1, 0\]/ },
      { re: /Hand-written backprop: (\d)\/4/, min: 4 },
    ],
    lossFalls: false,
  },
  "mnist-softmax.ipynb": {
    params: { epochs: 1, trainLimit: 4800 },
    minAccuracy: 80,
    printed: [
      { re: /raw pixels, epoch 1: test accuracy ([\d.]+)%/, min: 75 },
      { re: /normalised, epoch 1: test accuracy ([\d.]+)%/, min: 80 },
    ],
    backend: "wasm",
  },
  // The MNIST tutorials below run a few dozen steps on subsets: the bars say "it learns", not "it reaches the paper number"
  // (npm run tutorials:full checks those).
  "mnist-mlp.ipynb": {
    params: { epochs: 1, batchSize: 32, learningRate: 0.1, trainLimit: 1920, testLimit: 300, depthTrainLimit: 320 },
    minAccuracy: 60,
    printed: [{ re: /parameters: (\d+) /, min: 242762, max: 242762 }],
    // The notebook trains several models (the depth experiment): first and last loss belong to different models.
    lossFalls: false,
    backend: "wasm",
  },
  "mnist-cnn.ipynb": {
    params: { epochs: 1, trainLimit: 1280, testLimit: 500 },
    minAccuracy: 40,
    printed: [
      { re: /→ feature maps \[1, 4, 28, 28\]/ },
      { re: /after ReLU and 2×2 max pooling: \[1, 4, 14, 14\]/ },
      { re: /parameters: (\d+) /, min: 34622, max: 34622 },
    ],
    backend: "wasm",
  },
  "overfitting.ipynb": {
    params: { epochs: 3, trainLimit: 256, testLimit: 200, hidden: 64 },
    printed: [
      { re: /^plain: train ([\d.]+)%/m, min: 40 },
      { re: /^batch norm: train ([\d.]+)%/m, min: 40 },
      { re: /^SGD: train ([\d.]+)%/m, min: 5 },
    ],
    lossFalls: false,
    backend: "wasm",
  },
  "autoencoder.ipynb": {
    params: { epochs: 1, trainLimit: 1280, testLimit: 500, labelledLimit: 256, classifierEpochs: 3 },
    printed: [
      { re: /Epoch 1: test reconstruction MSE ([\d.]+)/, max: 0.1 },
      { re: /from scratch: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, min: 30 },
      { re: /pre-trained: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, min: 5 },
    ],
    lossFalls: false,
    backend: "wasm",
  },
  "tfidf-text.ipynb": {
    params: { epochs: 15 },
    minAccuracy: 70,
    printed: [{ re: /vocabulary size: (\d+)/, min: 800, max: 1000 }],
    backend: "wasm",
  },
  "q-learning.ipynb": {
    params: { notesEpisodes: 3, episodes: 10, maxSteps: 20, evalEpisodes: 5 },
    printed: [
      { re: /random agent: (\d+) of 1000 episodes reach the goal/, min: 5, max: 40 },
      { re: /Greedy policy success: (\d+)\/5/, min: 0, max: 5 },
      { re: /on slippery ice: (\d+)\/5 successes/, min: 0, max: 5 },
    ],
    lossFalls: false,
    backend: "wasm",
  },
};

/** The overrides as the `parameters` cell would read them: `epochs = 1;\ntrainLimit = 4800;`. */
export function paramsSource(params: Record<string, number>): string {
  return Object.entries(params).map(([k, v]) => `${k} = ${v};`).join("\n");
}

/** What the printed output of a CI-size run misses against `small[file]`: empty when every bar holds. */
export function missedBars(file: string, text: string): string[] {
  const spec = small[file] ?? {};
  const missed: string[] = [];
  const acc = [...text.matchAll(/Accuracy: \d+\/\d+ \(([\d.]+)%\)/g)].map((m) => Number(m[1]));
  if (spec.minAccuracy !== undefined) {
    if (!acc.length) missed.push(`no "Accuracy: n/m (x%)" line printed (want ≥ ${spec.minAccuracy}%)`);
    else if (acc.at(-1)! < spec.minAccuracy) missed.push(`last accuracy ${acc.at(-1)}% < ${spec.minAccuracy}%`);
  }
  for (const { re, min, max } of spec.printed ?? []) {
    const hit = [...text.matchAll(new RegExp(re.source, re.flags + "g"))].at(-1);
    if (!hit) missed.push(`nothing printed matches ${re}`);
    else if (min !== undefined && !(Number(hit[1]) >= min)) missed.push(`${re}: ${hit[1]} < ${min}`);
    else if (max !== undefined && !(Number(hit[1]) <= max)) missed.push(`${re}: ${hit[1]} > ${max}`);
  }
  return missed;
}
