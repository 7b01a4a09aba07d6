// transforms: ToTensor, Normalize, Compose on real MNIST pixels, checked against numbers computed with PyTorch.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryInfo, scope, tensor } from "../core";
import { assertClose } from "../lib/allclose";
import { MNIST } from "./mnist";
import { useLocalMnist, itWithMnist } from "./test-mnist-source";
import { Compose, Normalize, ToTensor, transforms } from "./transforms";

let before = 0;
beforeEach(() => {
  before = memoryInfo().numTensors;
});
afterEach(() => expect(memoryInfo().numTensors).toBe(before));

// MNIST test[0] (a 7), row 9, columns 16..25, and what torch computes for them:
//   t = img.float().div(255)                                       # ToTensor
//   n = t.sub(torch.tensor([0.1307])).div(torch.tensor([0.3081]))  # Normalize((0.1307,), (0.3081,))
const PIXELS = [254, 250, 229, 254, 254, 140, 0, 0, 0, 0];
const TO_TENSOR = [0.996078432, 0.980392158, 0.898039222, 0.996078432, 0.996078432, 0.549019635, 0, 0, 0, 0];
const NORMALIZED = [2.8087585, 2.75784564, 2.49055266, 2.8087585, 2.8087585, 1.35773993, -0.424212962, -0.424212962, -0.424212962, -0.424212962];
const NORMALIZED_SUM = -97.69612884521484; // n.sum() over the whole image

describe("transforms on MNIST", () => {
  itWithMnist("ToTensor + Normalize([0.1307], [0.3081]) match PyTorch on real pixels", async () => {
    useLocalMnist();
    const raw = await MNIST({ train: false, limit: 1 });
    const plain = await MNIST({ train: false, limit: 1, transform: transforms.ToTensor() });
    const norm = await MNIST({ train: false, limit: 1, transform: transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]) });
    scope(() => {
      const row = (ds: typeof raw) => (ds.get(0)[0].tolist() as number[][][])[0][9].slice(16, 26);
      expect(row(raw)).toEqual(PIXELS);
      // float32 arithmetic in PyTorch's order: the same bits, not only close values.
      expect(row(plain)).toEqual(TO_TENSOR.map(Math.fround));
      expect(row(norm)).toEqual(NORMALIZED.map(Math.fround));
      assertClose(norm.get(0)[0].sum().item(), NORMALIZED_SUM, "sum of the normalized image");
    });
  });

  it("apply(img) runs a transform on a tensor, like PyTorch's transform(img)", () =>
    scope(() => {
      const img = tensor([PIXELS], { dtype: "float32" }); // [H=1, W=10]
      const t = new Compose([new ToTensor(), new Normalize(0.1307, 0.3081)]);
      const out = t.apply(img);
      expect(out.shape).toEqual([1, 1, 10]);
      assertClose((out.tolist() as number[][][])[0][0], NORMALIZED, "apply");
      expect(img.tolist()).toEqual([PIXELS]); // the input is unchanged
    }));
});

describe("transforms details", () => {
  it("Normalize works per channel of [C, H, W] and of batches [N, C, H, W]", () =>
    scope(() => {
      const n = new Normalize([1, 2], [2, 4]);
      expect(n.apply(tensor([[[3, 5]], [[6, 10]]], { dtype: "float32" })).tolist()).toEqual([[[1, 2]], [[1, 2]]]);
      const batch = tensor([[[[3]], [[6]]], [[[1]], [[2]]]], { dtype: "float32" });
      expect(n.apply(batch).tolist()).toEqual([[[[1]], [[1]]], [[[0]], [[0]]]]);
      expect(() => n.apply(tensor([[[1]], [[2]], [[3]]], { dtype: "float32" }))).toThrow("Normalize got 2 means for images with 3 channel(s)");
      expect(() => n.apply(tensor([1, 2], { dtype: "float32" }))).toThrow(/expects an image \[H, W\], \[C, H, W\] or \[N, C, H, W\], got shape \[2\]/);
    }));

  it("rejects a zero std with PyTorch's message and prints like torchvision", () => {
    expect(() => new Normalize([0.5], [0])).toThrow("std evaluated to zero after conversion to float32, leading to division by zero.");
    const t = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]);
    expect(String(t)).toBe("Compose(\n    ToTensor()\n    Normalize(mean=[0.1307], std=[0.3081])\n)");
  });
});
