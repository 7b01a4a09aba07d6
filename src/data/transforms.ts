// torchvision.transforms for image tensors: ToTensor, Normalize, Compose; vectorised over whole batches.
import { fromTypedArray, Tensor } from "../core";

/** A transform works on raw float pixel values of one or many images laid out [N, C, H, W]. */
export interface Transform {
  /** Transforms values in place (or returns a new array). `channels` is C, `hw` is H*W. */
  applyValues(values: Float32Array, channels: number, hw: number): Float32Array;
  toString(): string;
}

/**
 * Runs a transform on an image tensor, as PyTorch's `transform(img)`: img is [H, W] (grayscale, becomes
 * [1, H, W]), [C, H, W] or a batch [N, C, H, W]. Returns a new float32 tensor; `img` is unchanged.
 */
export function applyTransform(t: Transform, img: Tensor): Tensor {
  const shape = img.ndim === 2 ? [1, ...img.shape] : img.shape;
  if (shape.length !== 3 && shape.length !== 4) {
    throw new RangeError(`${t} expects an image [H, W], [C, H, W] or [N, C, H, W], got shape [${img.shape.join(", ")}]`);
  }
  const [c, h, w] = shape.slice(-3);
  const values = Float32Array.from(img.tfData.dataSync());
  return fromTypedArray(t.applyValues(values, c, h * w), shape);
}

/** Scales 0..255 pixels to [0, 1] floats with shape [1, 28, 28] per image (torchvision's ToTensor). */
export class ToTensor implements Transform {
  applyValues(v: Float32Array): Float32Array {
    for (let i = 0; i < v.length; i++) v[i] /= 255;
    return v;
  }
  /** `transform(img)`: 0..255 pixel values [H, W] or [C, H, W] → float32 in [0, 1], [C, H, W]. */
  apply(img: Tensor): Tensor {
    return applyTransform(this, img);
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
    // float32 mean and std, subtract then divide: PyTorch's arithmetic, so the values match it bit for bit.
    const mean = this.mean.map(Math.fround);
    const std = this.std.map(Math.fround);
    // Values are [N, C, H*W]: element i belongs to channel floor(i / hw) % C.
    for (let i = 0; i < v.length; i++) {
      const c = channels === 1 ? 0 : Math.floor(i / hw) % channels;
      v[i] = Math.fround(v[i] - mean[c % mean.length]) / std[c % std.length];
    }
    return v;
  }
  /** `transform(img)`: (img - mean) / std per channel of [C, H, W] or [N, C, H, W]. */
  apply(img: Tensor): Tensor {
    return applyTransform(this, img);
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
  /** `transform(img)`: every transform in order. */
  apply(img: Tensor): Tensor {
    return applyTransform(this, img);
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
