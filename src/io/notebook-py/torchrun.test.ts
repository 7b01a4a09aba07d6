// Browser → PyTorch DDP → browser: a Gradbook CNN's weights start the exported mnist-cnn program under
// `torchrun --nproc_per_node=2` on CPU (gloo); both ranks train; the weights rank 0 saves load back into the Gradbook
// model, which then scores exactly what PyTorch printed.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { manualSeed, noGrad, tensor, type Tensor } from "../../core";
import { parseIdxImages, parseIdxLabels } from "../../data/idx";
import { findTestMnist } from "../../data/test-mnist-source";
import * as nn from "../../nn";
import { stateDictToSafetensors } from "../export";
import { loadSafetensorsInto } from "../import";
import { parseNotebook } from "../ipynb";
import { notebookToScript } from "./program";
import { pythonTorchMissing, runPython, writeProgram } from "./python-run";

const F = nn.functional;
const TUTORIAL = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../tutorials/mnist-cnn.ipynb");
const mnist = findTestMnist();
const TEST_LIMIT = 500;

/** The tutorial's CNN, in Gradbook. */
class CNN extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(256, 120);
  fc2 = new nn.Linear(120, 10);

  override forward(x: Tensor): Tensor {
    x = F.maxPool2d(F.relu(this.conv1(x)), 2);
    x = F.maxPool2d(F.relu(this.conv2(x)), 2);
    x = F.relu(this.fc1(x.view(-1, 256)));
    return F.logSoftmax(this.fc2(x), 1);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Correct answers of `model` on the first `n` test images, normalised as the tutorial does. */
function gradbookCorrect(model: CNN, n: number): number {
  const images = parseIdxImages(gunzipSync(readFileSync(path.join(mnist.dir!, "t10k-images-idx3-ubyte.gz"))), "t10k-images");
  const labels = parseIdxLabels(gunzipSync(readFileSync(path.join(mnist.dir!, "t10k-labels-idx1-ubyte.gz"))), "t10k-labels");
  const pixels = Array.from(images.pixels.subarray(0, n * 784), (v) => (v / 255 - 0.1307) / 0.3081);
  const x = tensor(pixels).view(n, 1, 28, 28);
  const y = tensor(Array.from(labels.labels.subarray(0, n)));
  model.eval();
  return noGrad(() => model.forward(x).argmax(1).eq(y).sum().item());
}

describe("torchrun --nproc_per_node=2 round trip", () => {
  let work: { dir: string; file: string };
  beforeAll(() => {
    const missing = pythonTorchMissing();
    if (missing) throw new Error(missing);
    if (!mnist.dir) throw new Error(mnist.missing ?? "no MNIST");
  }, 120_000);

  it("the browser's weights start DDP training on two CPU processes, and the result loads back into Gradbook", async () => {
    manualSeed(5);
    const browser = new CNN();
    const exported = notebookToScript(parseNotebook(readFileSync(TUTORIAL, "utf8"), "mnist-cnn.ipynb"), "mnist-cnn.py");
    work = writeProgram("mnist-cnn.py", exported.text);
    writeFileSync(path.join(work.dir, "browser.safetensors"), stateDictToSafetensors(browser));
    const port = await freePort();
    // Debian 12's torch 1.13 on Python 3.11 cannot parse torchrun's default --redirects/--tee of 0 (an IntFlag
    // change in 3.11), so name 1 (stdout) explicitly; newer torch accepts these too.
    const r = runPython(
      ["-m", "torch.distributed.run", "--nproc_per_node=2", "--redirects", "1", "--tee", "1", `--master_port=${port}`, work.file,
        "--epochs", "1", "--train-limit", "2560", "--test-limit", String(TEST_LIMIT), "--device", "cpu",
        "--init", "browser.safetensors", "--save", "trained.safetensors"],
      work.dir, mnist.dir!, 400_000, { OMP_NUM_THREADS: "1" },
    );
    const all = r.output + r.stderr;
    expect(r.status, all.slice(-4000)).toBe(0);
    // Both ranks trained, each on its half of the 2560 images (DistributedSampler).
    const ranks = [...all.matchAll(/\[rank (\d)\/2\] trained on (\d+) samples in (\d+) batches/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(ranks.sort()).toEqual([[0, 1280], [1, 1280]]);
    expect(all).toContain("--init: CNN starts from browser.safetensors");
    expect(all).toContain("[rank 0/2] saved CNN weights to trained.safetensors");
    const printed = /Accuracy: (\d+)\/500 \(([\d.]+)%\)/.exec(all);
    expect(printed, all.slice(-3000)).not.toBeNull();

    // Back in the browser: the trained weights load with PyTorch's names and score what PyTorch printed.
    const back = new CNN();
    const result = loadSafetensorsInto(back, readFileSync(path.join(work.dir, "trained.safetensors")));
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    const correct = gradbookCorrect(back, TEST_LIMIT);
    expect(Math.abs(correct - Number(printed![1])), `Gradbook ${correct}/500, PyTorch ${printed![1]}/500`).toBeLessThanOrEqual(2);
    expect(correct).toBeGreaterThan(TEST_LIMIT * 0.6);
    // …and training moved the browser's starting weights.
    const before = browser.conv1.weight.sub(back.conv1.weight).abs().max().item();
    expect(before).toBeGreaterThan(1e-3);
  }, 600_000);
});
