// batch_norm over dim 1 of [N, C], [N, C, L] or [N, C, H, W]: batch statistics in training (updating the running
// statistics in place, unbiased variance as PyTorch does), running statistics in eval; backward beside forward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { Tensor } from "../tensor";

export interface BatchNormOptions {
  /** Per-channel scale γ: [C]. */
  weight?: Tensor | null;
  /** Per-channel shift β: [C]. */
  bias?: Tensor | null;
  /** Use batch statistics (and update the running ones). Default false, as in PyTorch's F.batch_norm. */
  training?: boolean;
  /** Running-stat update: running = (1 − momentum)·running + momentum·batch. Default 0.1. */
  momentum?: number;
  /** Added to the variance before the square root. Default 1e-5. */
  eps?: number;
}

const sizeStr = (s: number[]): string => `torch.Size([${s.join(", ")}])`;

function checkChannels(name: string, t: Tensor | null | undefined, c: number): void {
  if (t && t.numel() !== c) throw new RangeError(`${name} should contain ${c} elements not ${t.numel()}`);
}

/**
 * Batch normalisation, like `torch.nn.functional.batch_norm`.
 * x: [N, C, *]; runningMean/runningVar: [C] or null (then batch statistics are always used) → [N, C, *].
 * In training, runningMean/runningVar are updated in place (not recorded by autograd).
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, opts: BatchNormOptions = {}): Tensor {
  const { weight = null, bias = null, momentum = 0.1, eps = 1e-5 } = opts;
  if (x.ndim < 2) throw new RangeError(`batch_norm: expected an input of at least 2 dims [N, C, *], got ${sizeStr(x.shape)}`);
  if (x.dtype !== "float32") throw new TypeError(`batch_norm: expected a float32 input, got ${x.dtype}; call x.float()`);
  const shape = x.shape;
  const C = shape[1];
  for (const [name, t] of [["running_mean", runningMean], ["running_var", runningVar], ["weight", weight], ["bias", bias]] as const) {
    checkChannels(name, t, C);
  }
  const training = (opts.training ?? false) || runningMean === null || runningVar === null;
  const count = x.numel() / C;
  if (training && count === 1) throw new RangeError(`Expected more than 1 value per channel when training, got input size ${sizeStr(shape)}`);
  const axes = shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = shape.map((s, i) => (i === 1 ? s : 1));
  const col = (t: Tensor): tf.Tensor => tf.reshape(t.tfData, bshape);

  // The statistics used for this call are saved as (non-differentiable) op inputs, so the backward sees exactly
  // what the forward used even if the running buffers change in between.
  const stats = tf.tidy(() => {
    if (!training) return [tf.reshape(runningMean!.tfData, bshape), tf.rsqrt(tf.add(tf.reshape(runningVar!.tfData, bshape), eps))];
    const mean = tf.mean(x.tfData, axes, true);
    const v = tf.mean(tf.square(tf.sub(x.tfData, mean)), axes, true);
    if (runningMean && runningVar && opts.training) {
      const unbiased = tf.mul(v, count / (count - 1));
      runningMean.assignData(tf.add(tf.mul(runningMean.tfData, 1 - momentum), tf.mul(tf.reshape(mean, [C]), momentum)));
      runningVar.assignData(tf.add(tf.mul(runningVar.tfData, 1 - momentum), tf.mul(tf.reshape(unbiased, [C]), momentum)));
      tf.keep(runningMean.tfData);
      tf.keep(runningVar.tfData);
    }
    return [mean, tf.rsqrt(tf.add(v, eps))];
  });
  const mean = new Tensor(stats[0]);
  const invstd = new Tensor(stats[1]);
  const params = [weight, bias].filter((t): t is Tensor => t !== null);
  return makeOp(
    "NativeBatchNormBackward0",
    [x, mean, invstd, ...params],
    () => {
      let y = tf.mul(tf.sub(x.tfData, mean.tfData), invstd.tfData);
      if (weight) y = tf.mul(y, col(weight));
      return bias ? tf.add(y, col(bias)) : y;
    },
    (dy) => {
      const xhat = tf.mul(tf.sub(x.tfData, mean.tfData), invstd.tfData);
      const g = weight ? tf.mul(dy, col(weight)) : dy;
      let dx: tf.Tensor | null = null;
      if (x.requiresGrad) {
        // Training: the batch statistics depend on x too (the classic batch-norm backward).
        dx = training
          ? tf.mul(invstd.tfData, tf.sub(tf.sub(g, tf.mean(g, axes, true)), tf.mul(xhat, tf.mean(tf.mul(g, xhat), axes, true))))
          : tf.mul(g, invstd.tfData);
      }
      const out: (tf.Tensor | null)[] = [dx, null, null];
      if (weight) out.push(weight.requiresGrad ? tf.reshape(tf.sum(tf.mul(dy, xhat), axes), [C]) : null);
      if (bias) out.push(bias.requiresGrad ? tf.reshape(tf.sum(dy, axes), [C]) : null);
      return out;
    },
  );
}
