// The fastcpu kernels through the thread pool (3 threads: the test's own and two Node workers), with the size threshold
// at 0 so every GEMM and convolution is split: the same cases and PyTorch suites as on one thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vitestSuite } from "../../lib/suite-vitest";
import { nnSuite } from "../../nn/nn.suite";
import { initBackend, tf } from "../index";
import { opsSuite } from "../ops.suite";
import { describeKernelCases } from "./kernel-cases";
import { spawnNodePoolWorker } from "./node-pool";
import { splitRange, startThreadPool, type WorkerLike } from "./pool";
import { fastCpuThreads, setFastCpuPool, setThreadThreshold, threadedCopyStats, threadedKernelCount } from "./threaded";

beforeAll(async () => {
  await initBackend("fastcpu");
  setFastCpuPool(await startThreadPool(3, spawnNodePoolWorker));
  setThreadThreshold(0);
  expect(fastCpuThreads()).toBe(3);
});
afterAll(async () => {
  setFastCpuPool(null);
  setThreadThreshold(null);
  await tf.setBackend("cpu");
});

describe("splitRange", () => {
  it("covers [0, n) in quantum-sized parts", () => {
    expect(splitRange(10, 3)).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(splitRange(64, 2, 4)).toEqual([[0, 32], [32, 64]]);
    expect(splitRange(9, 2, 4)).toEqual([[0, 8], [8, 9]]);
    expect(splitRange(2, 3)).toEqual([[0, 1], [1, 2]]);
    expect(splitRange(0, 3)).toEqual([]);
  });
});

describe("the pool", () => {
  it("computes the kernel thread's rows in place: only the workers' rows of A and C travel through the arena", async () => {
    // 3 threads, rows split [0, 24) here, [24, 48) and [48, 64) in the workers.
    const a = tf.randomUniform([64, 32], -1, 1, "float32", 7);
    const b = tf.randomUniform([32, 16], -1, 1, "float32", 8);
    threadedCopyStats(true);
    const y = tf.matMul(a, b);
    const { bytes } = threadedCopyStats(true);
    expect(bytes).toBe((40 * 32 + 32 * 16 + 40 * 16) * 4); // A's and C's last 40 rows, all of B (was 14,336 bytes)
    await tf.setBackend("cpu");
    const ref = tf.matMul(tf.tensor(a.dataSync(), [64, 32]), tf.tensor(b.dataSync(), [32, 16]));
    const want = ref.dataSync();
    await tf.setBackend("fastcpu");
    const got = y.dataSync();
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
    tf.dispose([a, b, y, ref]);
  });


  it("splits x·Wᵀ by columns: each worker gets all of x but only its rows of W, and writes its columns of C", async () => {
    // 3 threads over N = 40 columns: [0, 16) here in place, [16, 32) and [32, 40) in the workers; bias and ReLU fused.
    const x = tf.randomUniform([10, 32], -1, 1, "float32", 9);
    const w = tf.randomUniform([40, 32], -1, 1, "float32", 10);
    const bias = tf.randomUniform([40], -1, 1, "float32", 11);
    threadedCopyStats(true);
    const y = tf.fused.matMul({ a: x, b: w, transposeB: true, bias, activation: "relu" });
    const { bytes } = threadedCopyStats(true);
    expect(bytes).toBe((10 * 32 + 24 * 32 + 24 + 10 * 24) * 4); // all of x, W's and the bias's last 24 rows, C's last 24 columns
    const [xs, ws, bs] = [x.dataSync(), w.dataSync(), bias.dataSync()];
    await tf.setBackend("cpu");
    const want = tf.tidy(() => tf.relu(tf.add(tf.matMul(tf.tensor(xs, [10, 32]), tf.tensor(ws, [40, 32]), false, true), tf.tensor(bs))).dataSync());
    await tf.setBackend("fastcpu");
    const got = y.dataSync();
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
    tf.dispose([x, w, bias, y]);
  });

  it("grows its arena for a large matMul and still agrees with one thread", async () => {
    // 256·2048 floats each side: 2 MiB operands, past the pool's initial 4 MiB memory in all.
    const a = tf.randomUniform([256, 2048], -1, 1, "float32", 1);
    const b = tf.randomUniform([2048, 300], -1, 1, "float32", 2);
    const threaded = tf.matMul(a, b);
    setFastCpuPool(null);
    const single = tf.matMul(a, b);
    setFastCpuPool(await startThreadPool(3, spawnNodePoolWorker));
    expect(tf.max(tf.abs(tf.sub(threaded, single))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([a, b, threaded, single]);
  });

  it("runs a kernel on one thread when its operands do not fit the pool's memory", async () => {
    setFastCpuPool(await startThreadPool(2, spawnNodePoolWorker, { maxBytes: 1 << 20 }));
    const a = tf.randomUniform([64, 2048], -1, 1, "float32", 3); // 512 KiB
    const b = tf.randomUniform([2048, 256], -1, 1, "float32", 4); // 2 MiB: over the 1 MiB cap
    setThreadThreshold(null);
    const ref = tf.matMul(a, tf.slice(b, [0, 0], [2048, 1])); // under the threshold: one thread, no pool
    setThreadThreshold(0);
    const before = threadedKernelCount();
    const y = tf.matMul(a, b);
    expect(threadedKernelCount()).toBe(before + 1); // it tried the pool, then fell back to one thread
    expect(tf.max(tf.abs(tf.sub(tf.slice(y, [0, 0], [64, 1]), ref))).dataSync()[0]).toBe(0);
    const small = tf.matMul(tf.slice(a, [0, 0], [64, 256]), tf.slice(b, [0, 0], [256, 128]));
    expect(threadedKernelCount()).toBe(before + 2); // a kernel that fits still uses it
    tf.dispose([a, b, y, ref, small]);
    setFastCpuPool(await startThreadPool(3, spawnNodePoolWorker));
  });

  it("retires a pool whose worker stops answering and goes on with one thread, results intact", async () => {
    // A worker that starts, then never takes a job (as if it hung or died).
    const silent = (): WorkerLike => {
      const w: WorkerLike = {
        postMessage: () => queueMicrotask(() => w.onmessage?.({ data: { ready: true } } as MessageEvent)),
        terminate: () => {},
        onmessage: null,
        onerror: null,
      };
      return w;
    };
    setFastCpuPool(await startThreadPool(2, silent, { jobTimeoutMs: 200 }));
    expect(fastCpuThreads()).toBe(2);
    const a = tf.randomUniform([64, 100], -1, 1, "float32", 5);
    const b = tf.randomUniform([100, 30], -1, 1, "float32", 6);
    setThreadThreshold(null);
    const ref = tf.matMul(a, b); // under the threshold: one thread
    setThreadThreshold(0);
    const before = threadedKernelCount();
    const y = tf.matMul(a, b); // waits 200 ms for the silent worker, then recomputes on one thread
    expect(threadedKernelCount()).toBe(before + 1);
    expect(tf.max(tf.abs(tf.sub(y, ref))).dataSync()[0]).toBe(0);
    expect(fastCpuThreads()).toBe(1);
    const again = tf.matMul(a, b); // the retired pool is not asked again
    expect(threadedKernelCount()).toBe(before + 1);
    tf.dispose([a, b, ref, y, again]);
    setFastCpuPool(await startThreadPool(3, spawnNodePoolWorker));
  });

  it("rejects when a worker cannot start", async () => {
    // A worker that answers its start message with a failure, as pool-worker.ts does when instantiation throws.
    const broken = (): WorkerLike => {
      const w: WorkerLike = {
        postMessage: () => queueMicrotask(() => w.onmessage?.({ data: { ready: false, error: "no wasm here" } } as MessageEvent)),
        terminate: () => {},
        onmessage: null,
        onerror: null,
      };
      return w;
    };
    await expect(startThreadPool(2, broken)).rejects.toThrow(/pool worker 1 failed: no wasm here/);
  });
});

describeKernelCases("fastcpu kernels through the thread pool match tfjs cpu");

describe("the threaded path", () => {
  it("ran: the kernel cases went through the pool", () => {
    // Every matMul with ≥ 8 rows and every convolution with ≥ 3 images above was split (34 kernels); a path that silently stayed on one thread fails here.
    expect(threadedKernelCount()).toBeGreaterThan(25);
  });
});

describe("PyTorch reference suites on fastcpu with threads", () => {
  vitestSuite(opsSuite);
  vitestSuite(nnSuite);
});
