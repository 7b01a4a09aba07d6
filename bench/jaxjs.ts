// The jax-js peer (npm @jax-js/jax, JAX's API): the same three models trained with jit(valueAndGrad) and plain SGD
// on its wasm backend, timed by the same plan as ours in the same worker.
import { blockUntilReady, defaultDevice, init, jit, lax, nn, numpy as np, tree, valueAndGrad } from "@jax-js/jax";
import type { RawBatch } from "./data";
import type { ModelName } from "./protocol";
import type { MakeBlock } from "./timing";

type Arr = np.Array;
type Params = { w: Arr; b: Arr }[];

/** Starts jax-js's wasm device (multi-threaded where SharedArrayBuffer is available); the reason when it cannot. */
export async function startJaxWasm(): Promise<string | null> {
  try {
    const devices = await init("wasm");
    if (!devices.includes("wasm")) return `jax-js could not start its wasm device (got ${devices.join(", ") || "none"})`;
    defaultDevice("wasm");
    return null;
  } catch (e) {
    return `jax-js failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Seeded uniform values in ±1/√fanIn (PyTorch's default scale), so jax-js starts where ours does. */
function uniform(n: number, fanIn: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  const bound = 1 / Math.sqrt(fanIn);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * bound;
  }
  return out;
}

const param = (shape: number[], fanIn: number, seed: number): Arr => np.array(uniform(shape.reduce((a, b) => a * b, 1), fanIn, seed)).reshape(shape);

/** Weights as jax-js arrays: dense w [in, out]; conv w [out, in, 5, 5] (lax.conv's NCHW / OIHW layout). */
function initParams(model: ModelName): Params {
  const dense = (i: number, o: number, seed: number) => ({ w: param([i, o], i, seed), b: param([o], i, seed + 1) });
  const conv = (i: number, o: number, seed: number) => ({ w: param([o, i, 5, 5], i * 25, seed), b: param([1, o, 1, 1], i * 25, seed + 1) });
  switch (model) {
    case "softmax":
      return [dense(784, 10, 1)];
    case "mlp":
      return [dense(784, 256, 1), dense(256, 128, 3), dense(128, 64, 5), dense(64, 10, 7)];
    case "cnn":
      return [conv(1, 6, 1), conv(6, 16, 3), dense(256, 120, 5), dense(120, 84, 7), dense(84, 10, 9)];
  }
}

/** 2×2 max-pool with stride 2 on [N, C, H, W] (H, W even): a reshape and a max, differentiable. */
function maxPool2(x: Arr, n: number, c: number, h: number): Arr {
  return np.max(x.reshape([n, c, h / 2, 2, h / 2, 2]), [3, 5]);
}

/** Logits of the batch; `ps` is consumed (jax-js moves arrays into the functions that take them). */
function forward(model: ModelName, ps: Params, x: Arr, n: number): Arr {
  let h = x;
  let dense = ps;
  if (model === "cnn") {
    h = maxPool2(nn.relu(lax.conv(h, ps[0].w, [1, 1], "VALID").add(ps[0].b)), n, 6, 24);
    h = maxPool2(nn.relu(lax.conv(h, ps[1].w, [1, 1], "VALID").add(ps[1].b)), n, 16, 8);
    h = h.reshape([n, 256]);
    dense = ps.slice(2);
  }
  dense.forEach((p, i) => {
    h = np.matmul(h, p.w).add(p.b);
    if (i + 1 < dense.length) h = nn.relu(h);
  });
  return h;
}

interface Batch {
  x: Arr;
  /** One-hot targets [N, 10] (cross-entropy as −mean Σ onehot · logSoftmax, PyTorch's CrossEntropyLoss). */
  y: Arr;
}

function toArrays(model: ModelName, raw: RawBatch[]): Batch[] {
  return raw.map(({ x, y }) => {
    const n = y.length;
    return { x: np.array(x).reshape(model === "cnn" ? [n, 1, 28, 28] : [n, 784]), y: nn.oneHot(np.array(y, { dtype: np.int32 }), 10) };
  });
}

/** Blocks of jitted SGD steps (lr 0.03); one loss readback per block. */
export function jaxTrain(model: ModelName, raw: RawBatch[]): MakeBlock {
  const n = raw[0].y.length;
  const lossFn = (ps: Params, x: Arr, y: Arr): Arr => np.sum(nn.logSoftmax(forward(model, ps, x, n), -1).mul(y)).mul(-1 / n);
  const step = jit((ps: Params, x: Arr, y: Arr): [Arr, Params] => {
    const [loss, grads] = valueAndGrad(lossFn)(tree.ref(ps), x, y);
    return [loss, tree.map((p: Arr, g: Arr) => p.sub(g.mul(0.03)), ps, grads) as Params];
  });
  let params = initParams(model);
  const batches = toArrays(model, raw);
  return (steps) => ({
    async run() {
      let loss: Arr | undefined;
      for (let k = 0; k < steps; k++) {
        const b = batches[k % batches.length];
        loss?.dispose();
        [loss, params] = step(params, b.x.ref, b.y.ref);
      }
      const value = (await loss!.data())[0]; // data() consumes the array
      if (!Number.isFinite(value)) throw new Error(`the loss became ${value}`);
    },
  });
}

/**
 * Blocks of jitted forward passes; one readback of the last output per block. jax-js is lazy: an output disposed
 * unread would never be computed, so each pass waits until its output is ready (on wasm, until it has run).
 */
export function jaxInfer(model: ModelName, raw: RawBatch[]): MakeBlock {
  const n = raw[0].y.length;
  const params = initParams(model);
  const batches = toArrays(model, raw);
  const fwd = jit((ps: Params, x: Arr): Arr => forward(model, ps, x, n));
  return (steps) => ({
    async run() {
      let out: Arr | undefined;
      for (let k = 0; k < steps; k++) {
        out?.dispose();
        out = await blockUntilReady(fwd(tree.ref(params), batches[k % batches.length].x.ref));
      }
      await out!.data(); // data() consumes the array
    },
  });
}
