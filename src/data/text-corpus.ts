// datasets.TextCorpus: a small built-in text-classification set (short sentences about four topics), no download.
import { Dataset } from "./dataset";
import { SENTENCES } from "./text-corpus-sentences";

export interface TextCorpusOptions {
  /** The training split (default) or the test split; every 5th sentence of each topic is held out for testing. */
  train?: boolean;
}

/**
 * 320 short English sentences, 80 for each of four topics (sports, technology, food, weather), written for Gradbook's
 * text-classification tutorial. Sample i is `[text, label]`, like torchtext's datasets; the split is fixed: 256 train,
 * 64 test sentences.
 */
export class TextCorpusDataset extends Dataset<[string, number]> {
  /** Topic names; a label is an index into this list. */
  readonly classes: readonly string[];
  readonly texts: readonly string[];
  readonly labels: readonly number[];
  readonly train: boolean;

  constructor(opts: TextCorpusOptions = {}) {
    super();
    this.train = opts.train ?? true;
    this.classes = Object.keys(SENTENCES);
    const texts: string[] = [];
    const labels: number[] = [];
    this.classes.forEach((name, label) => {
      SENTENCES[name].forEach((text, i) => {
        if ((i % 5 === 4) !== this.train) {
          texts.push(text);
          labels.push(label);
        }
      });
    });
    this.texts = texts;
    this.labels = labels;
  }

  get length(): number {
    return this.texts.length;
  }

  get(i: number): [string, number] {
    if (!Number.isInteger(i) || i < -this.length || i >= this.length) {
      throw new RangeError(`index ${i} is out of range for TextCorpus (${this.train ? "train" : "test"}) of length ${this.length}`);
    }
    const j = i < 0 ? i + this.length : i;
    return [this.texts[j], this.labels[j]];
  }

  override toString(): string {
    return `Dataset TextCorpus\n    Number of datapoints: ${this.length}\n    Split: ${this.train ? "Train" : "Test"}\n    Classes: ${this.classes.join(", ")}`;
  }
}

/** `datasets.TextCorpus({ train: true })`. */
export function TextCorpus(opts: TextCorpusOptions = {}): TextCorpusDataset {
  return new TextCorpusDataset(opts);
}
