// Inference only: a run of conv2d / relu / max_pool2d layers computed channels-last (tfjs's layout), one transpose in
// and one out, with each convolution's bias and a ReLU right after it folded into one FusedConv2D on fastcpu and wasm.
import { tf } from "../backend";
import { makeOp } from "../autograd";
import { isGradEnabled } from "../grad-mode";
import type { Tensor } from "../tensor";
import { invariant } from "../../lib/invariant";
import { convGeometry, fusedConv2d, fusedConvBackend, pair, type Conv2dOptions, type Pair } from "./conv";

/** One layer of a channels-last run, in the order the layers run. */
export type NhwcStage =
  | { kind: "conv"; weight: Tensor; bias: Tensor | null; opts: Conv2dOptions; relu: boolean }
  | { kind: "relu" }
  | { kind: "maxpool"; kernelSize: Pair; stride: Pair | null; padding: Pair };

// The lowest float32: max-pool padding that never wins (as in pool.ts).
const LOWEST = -3.4028234663852886e38;

interface Planned {
  /** Per stage: what to run, with the geometry resolved. */
  steps: Array<
    | { kind: "conv"; weight: Tensor; bias: Tensor | null; pads: number[]; relu: boolean }
    | { kind: "relu" }
    | { kind: "maxpool"; k: [number, number]; s: [number, number]; p: [number, number] }
  >;
}

/**
 * Resolves the run's geometry for input shape `shape` ([N, C, H, W]); null when a stage is outside what the run does
 * (a strided or dilated convolution, a channel mismatch, an output too small, padding over half a pool window): the
 * caller then runs the layers one by one, which also reports any error in the layer's own words.
 */
function planRun(shape: number[], stages: readonly NhwcStage[]): Planned | null {
  if (shape.length !== 4) return null;
  let [, c, h, w] = shape;
  const steps: Planned["steps"] = [];
  for (const st of stages) {
    if (st.kind === "relu") {
      steps.push(st);
      continue;
    }
    if (st.kind === "conv") {
      const ws = st.weight.shape;
      if (ws.length !== 4 || ws[1] !== c || st.weight.dtype !== "float32") return null;
      if (st.bias && (st.bias.ndim !== 1 || st.bias.shape[0] !== ws[0])) return null;
      const g = convGeometry([ws[2], ws[3]], st.opts);
      if (g.stride.some((v) => v !== 1) || g.dilation.some((v) => v !== 1)) return null;
      const [pt, pb, pl, pr] = g.pads;
      h = h + pt + pb - ws[2] + 1;
      w = w + pl + pr - ws[3] + 1;
      if (h < 1 || w < 1) return null;
      c = ws[0];
      steps.push({ kind: "conv", weight: st.weight, bias: st.bias, pads: g.pads, relu: st.relu });
      continue;
    }
    const k = pair(st.kernelSize, "kernel_size", "max_pool2d");
    const s = st.stride == null ? k : pair(st.stride, "stride", "max_pool2d");
    const p = pair(st.padding, "padding", "max_pool2d", 0);
    if (p[0] > k[0] / 2 || p[1] > k[1] / 2) return null;
    h = Math.floor((h + 2 * p[0] - k[0]) / s[0]) + 1;
    w = Math.floor((w + 2 * p[1] - k[1]) / s[1]) + 1;
    if (h < 1 || w < 1) return null;
    steps.push({ kind: "maxpool", k, s, p });
  }
  return { steps };
}

/**
 * x: [N, C, H, W] float32 through `stages` (no autograd: grad mode must be off) → [N, C', H', W'], the same values
 * as the layers one by one; null when the run cannot take this input (see planRun).
 */
export function nhwcRun(x: Tensor, stages: readonly NhwcStage[]): Tensor | null {
  invariant(!isGradEnabled(), "nhwcRun records no gradient: call it under noGrad only");
  if (x.dtype !== "float32") return null;
  let plan: Planned | null;
  try {
    plan = planRun(x.shape, stages);
  } catch {
    plan = null;
  }
  if (!plan) return null;
  const { steps } = plan;
  const fused = fusedConvBackend();
  return makeOp("NhwcRun", [x], () => {
    const [n, c, hh, ww] = x.shape;
    // One channel: NCHW and NHWC are the same bytes, so a reshape (no copy) instead of a transpose.
    let h = (c === 1 ? tf.reshape(x.tfData, [n, hh, ww, 1]) : tf.transpose(x.tfData, [0, 2, 3, 1])) as tf.Tensor4D;
    for (const st of steps) {
      if (st.kind === "relu") h = tf.relu(h);
      else if (st.kind === "maxpool") {
        const { k, s, p } = st;
        const padded = p[0] + p[1] > 0 ? tf.pad(h, [[0, 0], [p[0], p[0]], [p[1], p[1]], [0, 0]], LOWEST) : h;
        h = tf.maxPool(padded, k, s, "valid");
      } else {
        const [pt, pb, pl, pr] = st.pads;
        const xin = pt + pb + pl + pr > 0 ? tf.pad(h, [[0, 0], [pt, pb], [pl, pr], [0, 0]]) : h;
        const filter = tf.transpose(st.weight.tfData, [2, 3, 1, 0]) as tf.Tensor4D;
        if (fused) h = fusedConv2d(xin, filter, st.bias?.tfData ?? null, st.relu);
        else {
          let y: tf.Tensor4D = tf.conv2d(xin, filter, 1, "valid");
          if (st.bias) y = tf.add(y, st.bias.tfData);
          h = st.relu ? tf.relu(y) : y;
        }
      }
    }
    const co = h.shape[3];
    return co === 1 ? tf.reshape(h, [h.shape[0], 1, h.shape[1], h.shape[2]]) : tf.transpose(h, [0, 3, 1, 2]);
  });
}
