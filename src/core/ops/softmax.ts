// softmax and logSoftmax along a dim (numerically stable), with their backward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { normDim, Tensor } from "../tensor";

function requireDim(fn: string, dim: number | undefined, x: Tensor): number {
  if (dim === undefined) {
    throw new TypeError(`${fn}() needs a dim, e.g. ${fn}(x, 1) for [N, C] scores (PyTorch's implicit dim is deprecated)`);
  }
  return normDim(dim, x.ndim);
}

function floatOf(x: Tensor): tf.Tensor {
  if (x.dtype !== "float32") throw new TypeError(`softmax/logSoftmax need a float tensor, got ${x.dtype}; call .float() first`);
  return x.tfData;
}

/** Softmax along `dim`: exp(x) / sum(exp(x)). */
export function softmax(x: Tensor, dim?: number): Tensor {
  const d = requireDim("softmax", dim, x);
  return makeOp(
    "SoftmaxBackward0",
    [x],
    () => {
      const v = floatOf(x);
      const e = tf.exp(tf.sub(v, tf.max(v, d, true)));
      return tf.div(e, tf.sum(e, d, true));
    },
    (dy, y) => [tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), d, true)))],
  );
}

/** log(softmax(x)) along `dim`, computed stably (logsumexp). */
export function logSoftmax(x: Tensor, dim?: number): Tensor {
  const d = requireDim("logSoftmax", dim, x);
  return makeOp(
    "LogSoftmaxBackward0",
    [x],
    () => {
      const v = floatOf(x);
      const m = tf.max(v, d, true);
      const shifted = tf.sub(v, m);
      return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), d, true)));
    },
    (dy, y) => [tf.sub(dy, tf.mul(tf.exp(y), tf.sum(dy, d, true)))],
  );
}
