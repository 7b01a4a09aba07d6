// datasets.MNIST (mirrors torchvision.datasets.MNIST): loads the official idx files once, serves fast batches.
import { fromTypedArray, type Tensor } from "../core";
import { Dataset } from "./dataset";
import { cacheStorageStore, type MnistStore } from "./mnist-cache";
import { loadMnistSplit, type MnistProgress, type MnistSplit, type MnistSplitData } from "./mnist-files";
import { storeMnistUpload, type UploadedFile } from "./mnist-upload";
import type { Transform } from "./transforms";

interface MnistSource {
  baseUrl: string;
  onProgress?: (p: MnistProgress) => void;
  /** Tests pass a file-backed fetch. */
  fetchImpl?: (url: string) => Promise<Response>;
  /** The browser's copy between visits; defaults to Cache Storage where there is one (none in Node). */
  store?: MnistStore;
}

let source: MnistSource = { baseUrl: "/mnist/" };
let store: MnistStore | undefined;
const cache = new Map<MnistSplit, Promise<MnistSplitData>>();

/** The kernel says where the files are served and where progress goes. */
export function configureMnist(s: MnistSource): void {
  source = s;
  store = s.store ?? cacheStorageStore();
  cache.clear();
}

function loadSplit(split: MnistSplit): Promise<MnistSplitData> {
  let p = cache.get(split);
  if (!p) {
    p = loadMnistSplit(source.baseUrl, split, (prog) => source.onProgress?.(prog), source.fetchImpl, store);
    // A failed download is not cached: the next call retries.
    p.catch(() => cache.delete(split));
    cache.set(split, p);
  }
  return p;
}

/**
 * Checks MNIST files the learner uploaded and keeps them in the browser under the configured base URL, where the next
 * `datasets.MNIST` finds them. One bad file keeps nothing. Returns the names kept.
 */
export async function importMnistFiles(files: UploadedFile[]): Promise<string[]> {
  if (!store) throw new Error("There is no browser storage here (Cache Storage), so uploaded MNIST files cannot be kept.");
  const kept = await storeMnistUpload(source.baseUrl, files, store);
  cache.clear(); // a split that failed to load earlier loads from the uploaded files next time
  return kept;
}

export interface MNISTOptions {
  /** Training set (60,000 images) or test set (10,000). Default true. */
  train?: boolean;
  /** Applied to every image batch, e.g. transforms.ToTensor() or a Compose with Normalize. */
  transform?: Transform;
  /** Accepted for PyTorch compatibility; files are always fetched when missing. */
  download?: boolean;
  /** Use only the first `limit` images (quick experiments, CI). */
  limit?: number;
}

/** MNIST as a Dataset: sample i is [image [1, 28, 28] float32, label number]. */
export class MNISTDataset extends Dataset<[Tensor, number]> {
  constructor(
    private readonly raw: MnistSplitData,
    readonly train: boolean,
    readonly transform: Transform | undefined,
    private readonly count: number,
  ) {
    super();
  }

  get length(): number {
    return this.count;
  }

  /** Raw labels 0..9 (like torchvision's `targets`). */
  get targets(): Uint8Array {
    return this.raw.labels.subarray(0, this.count);
  }

  get(i: number): [Tensor, number] {
    const [img, lab] = this.getBatch(Int32Array.of(i));
    return [img.view(1, this.raw.rows, this.raw.cols), lab.item()];
  }

  /** images [B, 1, 28, 28] float32 (transformed), labels [B] int32. */
  override getBatch(indices: Int32Array): Tensor[] {
    const { rows, cols, images, labels } = this.raw;
    const hw = rows * cols;
    const x = new Float32Array(indices.length * hw);
    const y = new Int32Array(indices.length);
    indices.forEach((idx, b) => {
      if (idx < 0 || idx >= this.count) throw new RangeError(`index ${idx} is out of bounds for MNIST of size ${this.count}`);
      const src = images.subarray(idx * hw, (idx + 1) * hw);
      const off = b * hw;
      for (let k = 0; k < hw; k++) x[off + k] = src[k];
      y[b] = labels[idx];
    });
    const v = this.transform ? this.transform.applyValues(x, 1, hw) : x;
    return [fromTypedArray(v, [indices.length, 1, rows, cols]), fromTypedArray(y, [indices.length])];
  }

  override toString(): string {
    return [
      "Dataset MNIST",
      `    Number of datapoints: ${this.count}`,
      `    Split: ${this.train ? "Train" : "Test"}`,
      ...(this.transform ? [`    Transform: ${this.transform}`] : []),
    ].join("\n");
  }
}

/**
 * Loads MNIST: `const trainSet = await datasets.MNIST({ train: true, transform: transforms.ToTensor() })`.
 * Like torchvision's, but awaited (the files download on first use). A leading root string is accepted and ignored.
 */
export async function MNIST(rootOrOpts?: string | MNISTOptions, maybeOpts: MNISTOptions = {}): Promise<MNISTDataset> {
  const opts = typeof rootOrOpts === "object" ? rootOrOpts : maybeOpts;
  const train = opts.train ?? true;
  const raw = await loadSplit(train ? "train" : "test");
  const limit = opts.limit ?? raw.count;
  if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`MNIST limit must be a positive integer, got ${opts.limit}`);
  return new MNISTDataset(raw, train, opts.transform, Math.min(limit, raw.count));
}

export const datasets = { MNIST };
