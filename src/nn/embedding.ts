// nn.Embedding: a lookup table of learnable vectors, N(0, 1) at start; padding_idx rows start at zero and get no gradient.
import { arange, noGrad, randn, type Tensor } from "../core";
import * as F from "./functional-modern";
import { Module } from "./module";
import { Parameter } from "./parameter";

export interface EmbeddingLayerOptions {
  /** This index's row starts at zero and is never updated by gradients (PyTorch's padding_idx). */
  paddingIdx?: number | null;
}

/**
 * A table of `numEmbeddings` vectors of size `embeddingDim`, like `torch.nn.Embedding(num_embeddings, embedding_dim)`:
 * integer indices [*] → [*, embeddingDim]. `new nn.Embedding(10000, 128, { paddingIdx: 0 })`.
 */
export class Embedding extends Module {
  /** The table, [numEmbeddings, embeddingDim], initialised from N(0, 1). */
  weight: Parameter;
  readonly paddingIdx: number | null;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: EmbeddingLayerOptions = {},
  ) {
    super();
    for (const [k, v] of [["num_embeddings", numEmbeddings], ["embedding_dim", embeddingDim]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`Embedding(): ${k} must be a positive integer, got ${v}`);
    }
    const p = opts.paddingIdx ?? null;
    if (p !== null && (!Number.isInteger(p) || p >= numEmbeddings || p < -numEmbeddings)) {
      throw new RangeError(`Embedding(): padding_idx must be within num_embeddings (${numEmbeddings}), got ${p}`);
    }
    this.paddingIdx = p === null ? null : p < 0 ? p + numEmbeddings : p;
    const pad = this.paddingIdx;
    this.weight = new Parameter(noGrad(() => {
      const w = randn(numEmbeddings, embeddingDim);
      return pad === null ? w : w.mul(arange(numEmbeddings).ne(pad).float().unsqueeze(1));
    }));
  }

  /** input: integer indices [*] → [*, embeddingDim]. */
  override forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, { paddingIdx: this.paddingIdx });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ""}`;
  }
}
