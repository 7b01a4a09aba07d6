// Matrix products (matmul, mm, bmm) with PyTorch's shape rules and messages; backward beside forward.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { Tensor } from "../tensor";

function dims(t: Tensor): string {
  return t.shape.join("x");
}

/** 2-D × 2-D: [n, k] @ [k, m] → [n, m]. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw new RangeError(`self must be a matrix (mm() got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]; use matmul for other ranks)`);
  if (b.ndim !== 2) throw new RangeError(`mat2 must be a matrix (mm() got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]; use matmul for other ranks)`);
  if (a.shape[1] !== b.shape[0]) {
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${dims(a)} and ${dims(b)})`);
  }
  checkFloat(a, b);
  return makeOp("MmBackward0", [a, b], () => tf.matMul(a.tfData, b.tfData), (dy) => [
    a.requiresGrad ? tf.matMul(dy, b.tfData, false, true) : null,
    b.requiresGrad ? tf.matMul(a.tfData, dy, true, false) : null,
  ]);
}

/** Batched 3-D × 3-D: [B, n, k] @ [B, k, m]. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3) throw new RangeError(`batch1 must be a 3D tensor (bmm() got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]; use matmul for other ranks)`);
  if (b.ndim !== 3) throw new RangeError(`batch2 must be a 3D tensor (bmm() got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]; use matmul for other ranks)`);
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new RangeError(`Expected size for first two dimensions of batch2 tensor to be: [${a.shape[0]}, ${a.shape[2]}] but got: [${b.shape[0]}, ${b.shape[1]}].`);
  }
  checkFloat(a, b);
  return makeOp("BmmBackward0", [a, b], () => tf.matMul(a.tfData, b.tfData), (dy) => [
    a.requiresGrad ? tf.matMul(dy, b.tfData, false, true) : null,
    b.requiresGrad ? tf.matMul(a.tfData, dy, true, false) : null,
  ]);
}

function checkFloat(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new TypeError(`expected m1 and m2 to have the same dtype, but got: ${a.dtype} != ${b.dtype}. Convert with .float()`);
  }
}

/** PyTorch's matmul: 1-D·1-D dot, 2-D mm, 1-D/2-D promotion, and broadcast batches. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) throw new RangeError("both arguments to matmul need to be at least 1D, but they are " + `${a.ndim}D and ${b.ndim}D`);
  if (a.ndim === 2 && b.ndim === 2) return mm(a, b);
  if (a.ndim === 1 && b.ndim === 1) {
    if (a.shape[0] !== b.shape[0]) throw new RangeError(`inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
    return matmulGeneral(a, b, "DotBackward0");
  }
  if (a.ndim === 2 && b.ndim === 1 && a.shape[1] !== b.shape[0]) {
    throw new RangeError(`size mismatch, got ${a.shape[0]}, ${a.shape[0]}x${a.shape[1]},${b.shape[0]} (matrix [${a.shape.join(", ")}] @ vector [${b.shape[0]}])`);
  }
  const k1 = a.shape[a.ndim - 1];
  const k2 = b.ndim === 1 ? b.shape[0] : b.shape[b.ndim - 2];
  if (k1 !== k2) {
    const am = a.ndim === 1 ? `1x${k1}` : `${a.shape.slice(0, -1).reduce((x, y) => x * y, 1)}x${k1}`;
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${am} and ${k2}x${b.ndim === 1 ? 1 : b.shape[b.ndim - 1]})`);
  }
  const name = a.ndim === 2 && b.ndim === 1 ? "MvBackward0" : a.ndim === 1 && b.ndim === 2 ? "SqueezeBackward3" : "UnsafeViewBackward0";
  return matmulGeneral(a, b, name);
}

function matmulGeneral(a: Tensor, b: Tensor, name: string): Tensor {
  checkFloat(a, b);
  const aShape = a.shape;
  const bShape = b.shape;
  const a2 = aShape.length === 1 ? [1, aShape[0]] : aShape;
  const b2 = bShape.length === 1 ? [bShape[0], 1] : bShape;
  const batchA = a2.slice(0, -2);
  const batchB = b2.slice(0, -2);
  const n = Math.max(batchA.length, batchB.length);
  const batch: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = batchA[batchA.length - n + i] ?? 1;
    const y = batchB[batchB.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new RangeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    batch.push(Math.max(x, y));
  }
  const outShape = [...batch, ...(aShape.length === 1 ? [] : [a2[a2.length - 2]]), ...(bShape.length === 1 ? [] : [b2[b2.length - 1]])];
  const fa = [...batch, a2[a2.length - 2], a2[a2.length - 1]];
  const fb = [...batch, b2[b2.length - 2], b2[b2.length - 1]];
  return makeOp(
    name,
    [a, b],
    () => tf.reshape(tf.matMul(tf.broadcastTo(tf.reshape(a.tfData, a2), fa), tf.broadcastTo(tf.reshape(b.tfData, b2), fb)), outShape),
    (dy) => {
      const g = tf.reshape(dy, [...batch, a2[a2.length - 2], b2[b2.length - 1]]);
      const A = tf.broadcastTo(tf.reshape(a.tfData, a2), fa);
      const B = tf.broadcastTo(tf.reshape(b.tfData, b2), fb);
      const ga = tf.matMul(g, B, false, true);
      const gb = tf.matMul(A, g, true, false);
      // Sum broadcast batch dims back, then restore the 1-D shapes.
      const sumTo = (x: tf.Tensor, target: number[]): tf.Tensor => {
        const lead = x.rank - target.length;
        let r = lead > 0 ? tf.sum(x, Array.from({ length: lead }, (_, i) => i)) : x;
        const ax = target.map((s, i) => (s === 1 && r.shape[i] !== 1 ? i : -1)).filter((i) => i >= 0);
        if (ax.length) r = tf.sum(r, ax, true);
        return r;
      };
      return [tf.reshape(sumTo(ga, a2), aShape), tf.reshape(sumTo(gb, b2), bShape)];
    },
  );
}
