// How each tutorial's exported .py runs in CI (its command-line options) and what its printed output must show,
// bars set from runs of the exported programs under Debian's python3-torch 1.13 (see the README's table).

export interface PythonBar {
  /** The first group of the last match is a number within [min, max]; without a group the line must appear. */
  re: RegExp;
  min?: number;
  max?: number;
}

export interface PythonRun {
  /** Command-line options (the CI size). */
  args: string[];
  bars: PythonBar[];
}

const ACC = /Accuracy: \d+\/\d+ \(([\d.]+)%\)/;

export const PYTHON_RUNS: Record<string, PythonRun> = {
  "tensors-autograd.ipynb": {
    args: [],
    bars: [
      { re: /autograd +dy\/dx = (\S+)/, min: 7, max: 7 },
      { re: /same seed, same numbers: True/ },
      { re: /largest difference from 2·\(input − target\)\/15: (\S+)/, max: 1e-6 },
    ],
  },
  "first-network.ipynb": {
    args: ["--steps", "60"],
    bars: [
      { re: /MSE: \S+ at the start → (\S+)/, max: 0.1 },
      { re: /Binary accuracy: ([\d.]+)%/, min: 90 },
      { re: /3-class accuracy: ([\d.]+)%/, min: 90 },
    ],
  },
  "loss-functions.ipynb": {
    args: ["--steps", "150"],
    bars: [
      { re: /CrossEntropyLoss +: ([\d.]+)/, min: 1.418, max: 1.419 },
      { re: /L1 fit +: y = ([\d.-]+)x/, min: 1.8, max: 2.2 },
      { re: /MSE fit +: y = ([\d.-]+)x/, min: 2.5 },
      { re: /weight \[1, 3\]: ([\d.]+)/, min: 0.5722, max: 0.5724 },
    ],
  },
  "optimizers.ipynb": {
    args: ["--race-steps", "10"],
    bars: [
      { re: /w after one step: ([\d.]+)/, min: 0.28, max: 0.28 },
      { re: /with zeroGrad\(\): +([\d.-]+)/, min: 2.9, max: 3 },
      { re: /(\d+) optimizers raced/, min: 10, max: 10 },
    ],
  },
  "perceptron-xor.ipynb": {
    args: ["--steps", "301", "--print-every", "100", "--gate-steps", "150"],
    bars: [
      { re: /^AND .*→ (\d)\/4/m, min: 4 },
      { re: /^OR .*→ (\d)\/4/m, min: 4 },
      { re: /^NAND .*→ (\d)\/4/m, min: 4 },
      { re: /^XOR .*→ (\d)\/4/m, max: 3 },
      { re: /XOR by two layers: \[0, 1, 1, 0\]/ },
      { re: /Hand-written backprop: (\d)\/4/, min: 4 },
    ],
  },
  "mnist-softmax.ipynb": {
    args: ["--epochs", "1", "--train-limit", "12000"],
    bars: [
      { re: /raw pixels, epoch 1: test accuracy ([\d.]+)%/, min: 82 },
      { re: /normalised, epoch 1: test accuracy ([\d.]+)%/, min: 87 },
      { re: ACC, min: 87 },
    ],
  },
  "mnist-mlp.ipynb": {
    args: ["--epochs", "1", "--batch-size", "32", "--lr", "0.1", "--train-limit", "1920", "--test-limit", "300", "--depth-train-limit", "320"],
    bars: [
      { re: /parameters: (\d+) /, min: 242762, max: 242762 },
      { re: /Epoch 1: Accuracy: \d+\/300 \(([\d.]+)%\)/, min: 55 },
      { re: /^1 layer \(softmax regression\) +7850 +([\d.]+)/m, min: 50 },
    ],
  },
  "mnist-cnn.ipynb": {
    args: ["--epochs", "1", "--train-limit", "6400", "--test-limit", "1000"],
    bars: [
      { re: /→ feature maps torch\.Size\(\[1, 4, 28, 28\]\)/ },
      { re: /parameters: (\d+) /, min: 34622, max: 34622 },
      { re: /Total params: 34,622/ },
      { re: ACC, min: 82 },
    ],
  },
  "overfitting.ipynb": {
    args: ["--epochs", "3", "--train-limit", "256", "--test-limit", "200", "--hidden", "64"],
    bars: [
      { re: /^plain: train ([\d.]+)%/m, min: 60 },
      { re: /^batch norm: train ([\d.]+)%/m, min: 60 },
      { re: /^SGD: train ([\d.]+)%/m, min: 15 },
    ],
  },
  "autoencoder.ipynb": {
    args: ["--epochs", "1", "--train-limit", "6400", "--test-limit", "500", "--labelled-limit", "256", "--classifier-epochs", "3"],
    bars: [
      { re: /Epoch 1: test reconstruction MSE ([\d.]+)/, max: 0.08 },
      { re: /from scratch: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, min: 30 },
      { re: /pre-trained: Accuracy: \d+\/\d+ \(([\d.]+)%\)/, min: 5 },
    ],
  },
  "tfidf-text.ipynb": {
    args: ["--epochs", "15"],
    bars: [
      { re: /vocabulary size: (\d+)/, min: 800, max: 1000 },
      { re: ACC, min: 75 },
    ],
  },
  "q-learning.ipynb": {
    args: ["--notes-episodes", "3", "--episodes", "10", "--max-steps", "20", "--eval-episodes", "5"],
    bars: [
      { re: /random agent: (\d+) of 1000 episodes reach the goal/, min: 5, max: 40 },
      { re: /Greedy policy success: (\d+)\/5/, min: 0, max: 5 },
      { re: /on slippery ice: (\d+)\/5 successes/, min: 0, max: 5 },
    ],
  },
};

/** The bars `output` misses (empty when all hold). */
export function missedPythonBars(run: PythonRun, output: string): string[] {
  const missed: string[] = [];
  for (const bar of run.bars) {
    const matches = [...output.matchAll(new RegExp(bar.re.source, bar.re.flags.includes("g") ? bar.re.flags : bar.re.flags + "g"))];
    if (!matches.length) {
      missed.push(`nothing printed matches ${bar.re}`);
      continue;
    }
    const last = matches[matches.length - 1];
    if (last[1] === undefined) continue;
    const v = Number(last[1]);
    if (Number.isNaN(v) || (bar.min !== undefined && v < bar.min) || (bar.max !== undefined && v > bar.max)) {
      missed.push(`${bar.re} printed ${last[1]}, want ${bar.min ?? "-∞"} … ${bar.max ?? "∞"}`);
    }
  }
  return missed;
}
