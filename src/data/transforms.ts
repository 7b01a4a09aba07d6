// torchvision.transforms for image tensors: ToTensor, Normalize, Compose; vectorised over whole batches.

/** A transform works on raw float pixel values of one or many images laid out [N, C, H, W]. */
export interface Transform {
  /** Transforms values in place (or returns a new array). `channels` is C, `hw` is H*W. */
  applyValues(values: Float32Array, channels: number, hw: number): Float32Array;
  toString(): string;
}

/** Scales 0..255 pixels to [0, 1] floats with shape [1, 28, 28] per image (torchvision's ToTensor). */
export class ToTensor implements Transform {
  applyValues(v: Float32Array): Float32Array {
    for (let i = 0; i < v.length; i++) v[i] /= 255;
    return v;
  }
  toString(): string {
    return "ToTensor()";
  }
}

/** (x - mean) / std per channel, e.g. MNIST's Normalize([0.1307], [0.3081]). */
export class Normalize implements Transform {
  readonly mean: number[];
  readonly std: number[];
  constructor(mean: number | number[], std: number | number[]) {
    this.mean = Array.isArray(mean) ? mean : [mean];
    this.std = Array.isArray(std) ? std : [std];
    if (this.std.some((s) => s === 0)) throw new RangeError(`std evaluated to zero after conversion to float32, leading to division by zero.`);
  }
  applyValues(v: Float32Array, channels: number, hw: number): Float32Array {
    if (this.mean.length !== 1 && this.mean.length !== channels) {
      throw new RangeError(`Normalize got ${this.mean.length} means for images with ${channels} channel(s)`);
    }
    // Values are [N, C, H*W]: element i belongs to channel floor(i / hw) % C.
    for (let i = 0; i < v.length; i++) {
      const c = channels === 1 ? 0 : Math.floor(i / hw) % channels;
      v[i] = (v[i] - this.mean[c % this.mean.length]) / this.std[c % this.std.length];
    }
    return v;
  }
  toString(): string {
    return `Normalize(mean=[${this.mean.join(", ")}], std=[${this.std.join(", ")}])`;
  }
}

/** Applies transforms in order. */
export class Compose implements Transform {
  constructor(readonly transforms: Transform[]) {}
  applyValues(v: Float32Array, channels: number, hw: number): Float32Array {
    return this.transforms.reduce((acc, t) => t.applyValues(acc, channels, hw), v);
  }
  toString(): string {
    return `Compose(\n${this.transforms.map((t) => `    ${t}`).join("\n")}\n)`;
  }
}

/** Factories so cells read like torchvision: transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081]). */
export const transforms = {
  ToTensor: () => new ToTensor(),
  Normalize: (mean: number | number[], std: number | number[]) => new Normalize(mean, std),
  Compose: (ts: Transform[]) => new Compose(ts),
};
