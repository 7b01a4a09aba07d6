// nn.Sequential's fused inference path (issue 18) against its layers called one by one: values on cpu and fastcpu over
// odd shapes and options, the kernels it saves, hooks and subclasses left alone, the same errors, no leaks.
import { afterAll, describe, expect, it } from "vitest";
import { assertClose } from "../lib/allclose";
import { initBackend, memoryInfo, noGrad, randn, scope, tf, type Tensor } from "../core";
import { Flatten, ReLU } from "./activation";
import { Sequential } from "./container";
import { Conv2d } from "./conv";
import { Linear } from "./linear";
import { linearOp } from "./linear-op";
import type { Module } from "./module";
import { MaxPool2d } from "./pooling";

afterAll(async () => {
  await tf.setBackend("cpu");
});

/** The layers one by one (each module's own forward), under noGrad like the fused call. */
function oneByOne(net: Sequential, x: Tensor): Tensor {
  return noGrad(() => net.children().reduce((y, m) => (m as unknown as (t: Tensor) => Tensor)(y), x));
}

const lenet = (): Sequential =>
  new Sequential(
    new Conv2d(1, 6, 5), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
    new Flatten(),
    new Linear(256, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
  );

/** Networks × inputs covering padding, no bias, odd sizes, pool padding and stride, a ReLU after a pool, strided convs. */
function cases(): Array<[string, Sequential, number[]]> {
  return [
    ["lenet", lenet(), [3, 1, 28, 28]],
    ["pad, no bias, pool 3/2/1, relu after pool", new Sequential(
      new Conv2d(3, 4, 3, { padding: 1, bias: false }), new MaxPool2d(3, { stride: 2, padding: 1 }), new ReLU(),
      new Conv2d(4, 5, [2, 3], { padding: [1, 0] }), new ReLU(),
    ), [2, 3, 9, 7]],
    ["same padding, one output channel", new Sequential(new Conv2d(2, 1, 4, { padding: "same" }), new ReLU(), new MaxPool2d([2, 1])), [1, 2, 6, 5]],
    ["strided and dilated convs stay unfused", new Sequential(
      new Conv2d(2, 3, 3, { stride: 2 }), new ReLU(), new Conv2d(3, 3, 2, { dilation: 2 }), new ReLU(), new MaxPool2d(2),
    ), [2, 2, 13, 11]],
    ["linear + relu", new Sequential(new Linear(7, 9), new ReLU(), new Linear(9, 3), new ReLU(), new ReLU()), [5, 7]],
  ];
}

async function checkValues(backend: "cpu" | "fastcpu"): Promise<void> {
  await initBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  // The layers' parameters live on (until garbage-collected); count only what the forward passes leave behind.
  const all = cases();
  const before = memoryInfo().numTensors;
  scope(() => {
    for (const [name, net, shape] of all) {
      const x = randn(...shape);
      const fused = noGrad(() => net(x));
      const plain = oneByOne(net, x);
      expect(fused.shape, name).toEqual(plain.shape);
      assertClose(Array.from(fused.tfData.dataSync()), Array.from(plain.tfData.dataSync()), `${backend} ${name}`, { atol: 1e-5, rtol: 1e-5 });
      expect(fused.gradFn, name).toBeNull();
    }
  });
  expect(memoryInfo().numTensors).toBe(before);
}

/** Kernel names tfjs ran inside `f`. */
async function kernels(f: () => void): Promise<string[]> {
  return (await tf.profile(f)).kernels.map((k) => k.name);
}
const count = (names: string[], name: string): number => names.filter((n) => n === name).length;

describe("Sequential under noGrad gives its layers' values", () => {
  it("on cpu (tfjs ops, no fused convolution)", () => checkValues("cpu"));
  it("on fastcpu (bias and ReLU folded into XNNPACK's convolution)", () => checkValues("fastcpu"));
});

describe("Sequential's fused inference path", () => {
  it("LeNet on fastcpu: transposes only the filters and the output, two fused convolutions, no ReLU or Add kernel", async () => {
    await initBackend("fastcpu");
    const net = lenet();
    const x = randn(4, 1, 28, 28);
    const fused = await kernels(() => void scope(() => noGrad(() => net(x))));
    const plain = await kernels(() => void scope(() => oneByOne(net, x)));
    // The two filters (OIHW → HWIO) and the last output (NHWC → NCHW); the one-channel input is only reshaped.
    expect(count(fused, "Transpose"), fused.join(", ")).toBe(3);
    expect(count(fused, "FusedConv2D"), fused.join(", ")).toBe(2);
    expect(count(fused, "Relu") + count(fused, "Add"), fused.join(", ")).toBe(0);
    expect(count(plain, "Transpose"), plain.join(", ")).toBeGreaterThanOrEqual(8);
    expect(count(plain, "Relu"), plain.join(", ")).toBe(4);
    expect(fused.length, fused.join(", ")).toBe(12);
    expect(plain.length - fused.length, `${fused.join(", ")} vs ${plain.join(", ")}`).toBeGreaterThanOrEqual(10);
    x.dispose();
  });

  it("follows a weight that changed since the last call (new storage or an in-place change)", async () => {
    await initBackend("fastcpu");
    const net = new Sequential(new Conv2d(2, 3, 3), new ReLU(), new MaxPool2d(2));
    const conv = net.children()[0] as Conv2d;
    scope(() => {
      const x = randn(2, 2, 9, 9);
      const check = (what: string): void =>
        assertClose(Array.from(noGrad(() => net(x)).tfData.dataSync()), Array.from(oneByOne(net, x).tfData.dataSync()), what, { atol: 1e-5 });
      check("first");
      conv.weight.assignData(tf.mul(conv.weight.tfData, -1));
      check("after new storage");
      noGrad(() => conv.weight.mul_(3));
      check("after an in-place change");
      conv.weight.data.sub_(randn(3, 2, 3, 3));
      check("after a change through .data");
    });
  });

  it("records the graph as written when grad mode is on", async () => {
    await initBackend("fastcpu");
    const net = lenet();
    const names = await kernels(() => void scope(() => net(randn(2, 1, 28, 28))));
    expect(count(names, "Relu"), names.join(", ")).toBe(4);
    expect(() => noGrad(() => 0) + linearOp(randn(2, 3), randn(4, 3), null, "Linear", true).numel()).toThrow("inference-only");
  });

  it("leaves a layer with a hook and a subclass to their own forward", async () => {
    await initBackend("fastcpu");
    class Doubled extends ReLU {
      override forward(x: Tensor): Tensor {
        return super.forward(x).mul(2);
      }
    }
    const net = new Sequential(new Conv2d(1, 2, 3), new ReLU(), new MaxPool2d(2), new Conv2d(2, 2, 3), new Doubled());
    const seen: number[][] = [];
    const handle = (net.children()[1] as Module).registerForwardHook((_m, _i, out: Tensor) => void seen.push(out.shape));
    scope(() => {
      const x = randn(2, 1, 12, 12);
      const fused = noGrad(() => net(x));
      expect(seen).toEqual([[2, 2, 10, 10]]);
      assertClose(Array.from(fused.tfData.dataSync()), Array.from(oneByOne(net, x).tfData.dataSync()), "hooked", { atol: 1e-5 });
    });
    handle.remove();
  });

  it("reports a wrong input in the layer's own words", async () => {
    await initBackend("fastcpu");
    const net = lenet();
    const x = randn(2, 3, 28, 28);
    const plainError = (() => {
      try {
        oneByOne(net, x);
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(plainError).toContain("expected input[2, 3, 28, 28] to have 1 channels");
    expect(() => noGrad(() => net(x))).toThrow(plainError);
    expect(() => noGrad(() => net(randn(2, 1, 6, 6)))).toThrow("Kernel size can't be greater than actual input size");
    x.dispose();
  });
});
