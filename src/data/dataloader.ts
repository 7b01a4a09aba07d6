// DataLoader (mirrors torch.utils.data.DataLoader): batches, seeded shuffle, dropLast; each step frees the last one's tensors.
import { closeArena, defaultGenerator, dissolveArena, isKept, release, fromTypedArray, openArena, stack, tensor, Tensor, type Generator } from "../core";
import { checkInterrupt } from "../lib/interrupt";
import type { Dataset } from "./dataset";
import { loopStarted } from "./loop-hooks";

export interface DataLoaderOptions {
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Reshuffle the sample order at the start of every pass (default false). */
  shuffle?: boolean;
  /** Drop the last batch when it would be smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Random source for shuffling (default: the global one that manualSeed seeds). */
  generator?: Generator;
  /** Accepted so PyTorch code ports unchanged; Gradbook loads batches on the kernel's thread. */
  numWorkers?: number;
  /** Accepted so PyTorch code ports unchanged; has no effect. */
  pinMemory?: boolean;
}

const OPTION_NAMES = ["batchSize", "shuffle", "dropLast", "generator", "numWorkers", "pinMemory"];

/** What one batch looks like: a dataset of [Tensor, number] samples gives [Tensor, Tensor] batches. */
export type Collated<T> = T extends Tensor ? Tensor : T extends readonly unknown[] ? { -readonly [K in keyof T]: Tensor } : Tensor[];

/**
 * Iterates a dataset in batches: `for (const [data, target] of trainLoader) { … }`.
 * Tensors made inside one iteration are freed when the next batch is fetched (memory stays flat);
 * keep one with `.item()` or `.keep()`. After the loop ends (or a `break`), the last step's tensors stay usable.
 */
export class DataLoader<T = unknown> implements Iterable<Collated<T>> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly generator: Generator;

  constructor(dataset: Dataset<T>, opts: DataLoaderOptions = {}) {
    if (!dataset || typeof (dataset as Dataset<T>).get !== "function") {
      throw new TypeError("DataLoader needs a Dataset (e.g. a TensorDataset or datasets.MNIST); did you forget `await` before datasets.MNIST(...)?");
    }
    for (const k of Object.keys(opts ?? {})) {
      if (OPTION_NAMES.includes(k)) continue;
      const camel = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      const hint = OPTION_NAMES.includes(camel) ? `; options use camelCase here: ${camel}` : `; known options: ${OPTION_NAMES.join(", ")}`;
      throw new TypeError(`DataLoader got an unexpected keyword argument '${k}'${hint}`);
    }
    const bs = opts.batchSize ?? 1;
    if (!Number.isInteger(bs) || bs <= 0) throw new RangeError(`batch_size should be a positive integer value, but got batch_size=${bs}`);
    this.dataset = dataset;
    this.batchSize = bs;
    this.shuffle = opts.shuffle ?? false;
    this.dropLast = opts.dropLast ?? false;
    this.generator = opts.generator ?? defaultGenerator;
  }

  /** Number of batches per epoch (`len(loader)`). */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** @internal builds one batch of tensors from dataset indices. */
  batch(indices: Int32Array): Collated<T> {
    if (this.dataset.getBatch) return this.dataset.getBatch(indices) as Collated<T>;
    const samples = Array.from(indices, (i) => this.dataset.get(i));
    if (samples.every((s) => s instanceof Tensor)) return stack(samples as Tensor[]) as Collated<T>;
    return collate(samples as unknown[][]) as Collated<T>;
  }

  /** The last step of the previous pass, kept usable after its loop; freed when the next pass starts. */
  private leftover: Tensor[] = [];

  [Symbol.iterator](): Iterator<Collated<T>> {
    // A new pass (the next epoch) frees the previous pass's last step, so memory stays flat across epochs too.
    for (const t of this.leftover) if (!isKept(t) && t.isAlive) release(t, "end of DataLoader step");
    this.leftover = [];
    const n = this.dataset.length;
    const order = this.shuffle ? this.generator.randperm(n) : Int32Array.from({ length: n }, (_, i) => i);
    const steps = this.length;
    let step = 0;
    let arena: ReturnType<typeof openArena> | null = null;
    // The progress bar (if the kernel listens): told of each batch and of how the pass ended.
    const loop = loopStarted({ loader: this, total: steps, batchSize: this.batchSize });
    const finish = () => {
      loop?.end(step >= steps);
      if (arena) {
        this.leftover = [...arena].filter((o): o is Tensor => o instanceof Tensor);
        dissolveArena(arena);
      }
      arena = null;
    };
    return {
      next: (): IteratorResult<Collated<T>> => {
        if (step >= steps) {
          // Loop finished: the last step's tensors (e.g. the final loss) stay usable after the loop.
          finish();
          return { done: true, value: undefined };
        }
        if (arena) closeArena(arena, "end of DataLoader step");
        arena = null;
        checkInterrupt();
        arena = openArena();
        const idx = order.subarray(step * this.batchSize, Math.min(n, (step + 1) * this.batchSize));
        step += 1;
        try {
          const value = this.batch(idx);
          loop?.step(idx.length);
          return { done: false, value };
        } catch (e) {
          // A for-of loop does not call return() when next() throws: close the step here, or it would stay open.
          finish();
          throw e;
        }
      },
      // break / throw inside the loop: the last batch stays usable after the loop.
      return: (): IteratorResult<Collated<T>> => {
        finish();
        return { done: true, value: undefined };
      },
    };
  }
}

/** Stacks samples field by field: tensors with torch.stack, numbers into a 1-D tensor (int32 for integers). */
export function collate(samples: unknown[][]): Tensor[] {
  if (samples.length === 0) return [];
  const badAt = samples.findIndex((v) => !Array.isArray(v));
  if (badAt >= 0) {
    const bad: unknown = samples[badAt];
    throw new TypeError(`default_collate: a Dataset's get(i) must return a Tensor or an array like [input, target], got ${bad === null ? "null" : typeof bad}`);
  }
  const width = samples[0].length;
  const out: Tensor[] = [];
  for (let f = 0; f < width; f++) {
    const col = samples.map((s) => s[f]);
    if (col.every((v) => v instanceof Tensor)) out.push(stack(col as Tensor[]));
    else if (col.every((v) => typeof v === "number")) {
      const nums = col as number[];
      out.push(nums.every(Number.isInteger) ? fromTypedArray(Int32Array.from(nums), [nums.length]) : tensor(nums));
    } else throw new TypeError(`default_collate: batch must contain tensors or numbers; field ${f} has ${typeof col[0]}`);
  }
  return out;
}
