// tfjs-wasm's transposed matMul patch: right values, one transpose per weight kept while the weight lives (so
// XNNPACK's packed weights are found again), freed with it, and never reused for another shape of the same data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../index";
import { transposeCache } from "./transposed-matmul";

const backendData = (): number => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

function reference(x: number[][], w: number[][]): number[][] {
  return x.map((row) => w.map((wr) => row.reduce((s, v, k) => s + v * wr[k], 0)));
}

const close = (a: number[][], b: number[][]): void => {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 4)));
};

beforeAll(async () => {
  await initBackend("wasm");
  expect(tf.getBackend()).toBe("wasm");
});
afterAll(async () => {
  await tf.setBackend("cpu");
});

describe("wasm matMul with transposeB", () => {
  const xs = [[1, 2, 3], [4, 5, 6]];
  const ws = [[1, 0, -1], [2, 1, 0], [0.5, -2, 3], [1, 1, 1]];

  it("gives x·Wᵀ, and keeps one transpose per weight across calls", () => {
    const x = tf.tensor2d(xs);
    const w = tf.tensor2d(ws);
    const cache = transposeCache(tf.backend());
    const before = cache.size;
    const y1 = tf.matMul(x, w, false, true);
    close(y1.arraySync() as number[][], reference(xs, ws));
    const kept = cache.get(w.dataId);
    expect(kept, "the weight's transpose is kept").toBeDefined();
    const data = backendData();
    const bias = tf.tensor1d([1, 1, 1, 1]);
    const y2 = tf.fused.matMul({ a: x, b: w, transposeB: true, bias, activation: "relu" });
    const want = reference(xs, ws).map((r) => r.map((v) => Math.max(0, v + 1)));
    close(y2.arraySync() as number[][], want);
    expect(cache.get(w.dataId), "the second call reuses the same transpose").toBe(kept);
    expect(cache.size).toBe(before + 1);
    // y2 and the bias are the only new data: no second transpose.
    expect(backendData()).toBe(data + 2);
    tf.dispose([x, w, bias, y1, y2]);
  });

  it("frees the transpose with its weight, and not while another tensor shares the weight's data", () => {
    const x = tf.tensor2d(xs);
    const w = tf.tensor2d(ws);
    const cache = transposeCache(tf.backend());
    const start = backendData();
    tf.matMul(x, w, false, true).dispose();
    expect(backendData()).toBe(start + 1);
    const alias = tf.reshape(w, [4, 3]); // shares w's data id
    w.dispose();
    expect(cache.has(alias.dataId), "kept while the reshape holds the data").toBe(true);
    alias.dispose();
    expect(cache.has(alias.dataId)).toBe(false);
    expect(backendData(), "the transpose is freed with its source").toBe(start - 1);
    x.dispose();
  });

  it("transposes again for another shape of the same data", () => {
    const start = backendData();
    const w = tf.tensor2d([[1, 2, 3, 4, 5, 6]]);
    const a = tf.reshape(w, [2, 3]);
    const b = tf.reshape(w, [3, 2]);
    const times = (m: tf.Tensor): unknown => {
      const y = tf.tidy(() => tf.matMul(tf.ones([1, m.shape[1]!]), m, false, true));
      const v = y.arraySync();
      y.dispose();
      return v;
    };
    const ya = times(a);
    const yb = times(b);
    expect(ya).toEqual([[6, 15]]);
    expect(yb).toEqual([[3, 7, 11]]);
    tf.dispose([w, a, b]);
    expect(backendData(), "neither transpose is left behind").toBe(start);
  });
});
