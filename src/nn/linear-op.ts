// F.linear's op: y = x Wᵀ + b as one fused kernel forward (bias, and for inference a ReLU, in the GEMM's store), backward
// as two matmuls and a row sum. Its own file so nn.Sequential's inference path can ask for the ReLU without it being F's.
import { currentBackend, fastSumRows, isGradEnabled, makeOp, tf, type Tensor } from "../core";
import { invariant } from "../lib/invariant";

/**
 * y = x Wᵀ + b (F.linear and nn.Linear). x: [*, in], weight: [out, in], bias: [out] → [*, out]. With `relu`, relu(y)
 * in the matmul's store: inference only (nn.Sequential under noGrad), so it must run with grad mode off.
 */
export function linearOp(x: Tensor, weight: Tensor, bias: Tensor | null, who: string, relu: boolean): Tensor {
  const [out, inF] = weight.shape;
  const xs = x.shape;
  if (xs.length === 0 || xs[xs.length - 1] !== inF) {
    const rows = xs.length ? xs.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
    const hint = xs.length > 2 && xs.slice(1).reduce((a, b) => a * b, 1) === inF ? `; flatten it first: x.view(-1, ${inF})` : "";
    throw new RangeError(
      `mat1 and mat2 shapes cannot be multiplied (${rows}x${xs[xs.length - 1] ?? 1} and ${inF}x${out}): ` +
        `${who || "Linear"}(${inF} -> ${out}) got input [${xs.join(", ")}]${hint}`,
    );
  }
  if (x.dtype !== "float32") throw new TypeError(`${who || "Linear"} got a ${x.dtype} input; it needs float32: call x.float()`);
  // The fused ReLU has no backward written: refuse it where a graph would be recorded.
  invariant(!relu || !isGradEnabled(), "linear(…, relu) is inference-only: call it under noGrad");
  const activation = relu ? "relu" : "linear";
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return makeOp(
    "AddmmBackward0",
    inputs,
    () => {
      // One fused kernel for xWᵀ + b (tfjs has it on every backend; fastcpu adds the bias in its GEMM's store).
      const x2 = xs.length === 2 ? x.tfData : tf.reshape(x.tfData, [-1, inF]);
      // fastcpu's GEMM takes 2-D operands as they are: skip tf.fused.matMul's 3-D reshapes and its custom-gradient scope.
      const y = currentBackend() === "fastcpu"
        ? (tf.engine().runKernel("_FusedMatMul", { a: x2, b: weight.tfData, ...(bias ? { bias: bias.tfData } : {}) }, { transposeA: false, transposeB: true, activation }) as tf.Tensor)
        : tf.fused.matMul({ a: x2, b: weight.tfData, transposeB: true, bias: bias?.tfData, activation });
      return xs.length === 2 ? y : tf.reshape(y, [...xs.slice(0, -1), out]);
    },
    (dy) => {
      // A same-shape reshape is still a kernel call; the common 2-D case needs none.
      const flat = xs.length === 2;
      const dy2 = flat ? dy : tf.reshape(dy, [-1, out]);
      const x2 = flat ? x.tfData : tf.reshape(x.tfData, [-1, inF]);
      return [
        x.requiresGrad ? (flat ? tf.matMul(dy2, weight.tfData) : tf.reshape(tf.matMul(dy2, weight.tfData), xs)) : null,
        weight.requiresGrad ? tf.matMul(dy2, x2, true, false) : null,
        ...(bias ? [bias.requiresGrad ? (fastSumRows(dy2) ?? tf.sum(dy2, 0)) : null] : []),
      ];
    },
  );
}
