// torch.nn.utils: clip_grad_norm_ / clip_grad_value_ (and their camelCase twins clipGradNorm_ / clipGradValue_).
import { noGrad, stack, Tensor, tensor } from "../core";

type Params = Tensor | Iterable<Tensor>;

function withGrads(parameters: Params, fn: string): Tensor[] {
  if (parameters instanceof Tensor) return parameters.grad ? [parameters] : [];
  if (parameters == null || typeof (parameters as Iterable<Tensor>)[Symbol.iterator] !== "function") {
    throw new TypeError(`${fn}: parameters must be a Tensor or an iterable of Tensors, e.g. ${fn}(model.parameters(), 1.0)`);
  }
  return Array.from(parameters).filter((p) => p instanceof Tensor && p.grad !== null);
}

export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite (default false). */
  errorIfNonfinite?: boolean;
}

/**
 * Scales all gradients together so their total norm is at most `maxNorm`, like
 * `torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type=2)`; call it between backward() and step().
 * Returns the total norm before clipping (a scalar Tensor). `normType` may be Infinity ("inf").
 */
export function clipGradNorm_(parameters: Params, maxNorm: number, normType: number | "inf" = 2, opts: ClipGradNormOptions = {}): Tensor {
  const fn = "clip_grad_norm_";
  if (typeof maxNorm !== "number" || Number.isNaN(maxNorm)) throw new TypeError(`${fn}: max_norm must be a number, e.g. ${fn}(model.parameters(), 1.0)`);
  const p = normType === "inf" ? Infinity : Number(normType);
  const ps = withGrads(parameters, fn);
  return noGrad(() => {
    if (ps.length === 0) return tensor(0);
    const norms = ps.map((q) => (p === Infinity ? q.grad!.abs().max() : q.grad!.norm(p)));
    const total = p === Infinity ? (norms.length === 1 ? norms[0] : stack(norms).max()) : stack(norms).norm(p);
    if (opts.errorIfNonfinite) {
      const v = total.item();
      if (!Number.isFinite(v)) {
        throw new Error(`The total norm of order ${p} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite: false`);
      }
    }
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp(null, 1.0);
    for (const q of ps) q.grad!.mul_(coef);
    return total;
  });
}

/** Clamps every gradient into [−clipValue, clipValue] in place, like `torch.nn.utils.clip_grad_value_(parameters, clip_value)`. */
export function clipGradValue_(parameters: Params, clipValue: number): void {
  const fn = "clip_grad_value_";
  if (typeof clipValue !== "number" || Number.isNaN(clipValue)) throw new TypeError(`${fn}: clip_value must be a number, e.g. ${fn}(model.parameters(), 0.5)`);
  const ps = withGrads(parameters, fn);
  noGrad(() => {
    for (const q of ps) q.grad!.clamp_(-clipValue, clipValue);
  });
}

/** PyTorch's spelling of clipGradNorm_. */
export const clip_grad_norm_ = clipGradNorm_;
/** PyTorch's spelling of clipGradValue_. */
export const clip_grad_value_ = clipGradValue_;
