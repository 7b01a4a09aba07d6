// Tests for images.ts: grid layout and normalisation, shapes accepted and refused, labels drawn via a fake canvas, PNG out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { drawLabels, gridPng, gridSummary, imageGrid } from "./images";

const batch = (n: number, h: number, w: number, f: (i: number, p: number) => number) =>
  Array.from({ length: n }, (_, i) => [Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => f(i, y * w + x)))]);

afterEach(() => vi.unstubAllGlobals());

describe("imageGrid", () => {
  it("lays out [N, 1, H, W] images in rows with padding, normalising any range to 0..255", () => {
    const images = batch(3, 2, 2, (i, p) => -1 + i + p / 10); // values -1 … 1.3
    const g = imageGrid(images, { nrow: 2, padding: 1, scale: 1 });
    expect([g.width, g.height, g.count]).toEqual([2 * 2 + 3, 2 * 2 + 3, 3]);
    const px = (x: number, y: number) => g.pixels[(y * g.width + x) * 4];
    expect(px(1, 1)).toBe(0); // the minimum is black
    expect(px(5, 4)).toBe(255); // image 2 (second row, first column) ends at the maximum: white
    expect(px(0, 0)).toBe(255); // padding is white
    expect(g.pixels[3]).toBe(255); // opaque
  });

  it("accepts [N, H, W] and one [H, W] image, scales small images up, and draws labels under them", () => {
    const g = imageGrid(
      batch(2, 28, 28, () => 0).map((x) => x[0]),
      { labels: [7, 2] },
    );
    expect(g.width).toBe(2 * 56 + 3 * 2);
    expect(g.height).toBe(56 + 16 + 2 * 2);
    expect(g.labels.map((l) => l.text)).toEqual(["7", "2"]);
    expect(gridSummary(g)).toBe("2 images [2, 28, 28], labels: 7 2");
    expect(imageGrid([[0, 1], [1, 0]]).count).toBe(1);
  });

  it("refuses flat rows and other shapes with the reshape that fixes them, and a wrong label count", () => {
    const flat = { shape: [2, 784], tolist: () => [new Array(784).fill(0), new Array(784).fill(0)] };
    expect(() => imageGrid(flat)).toThrow("showImages() expects images of shape [N, 1, H, W], [N, H, W] or [H, W]; got [2, 784]; for flat MNIST rows use images.view(-1, 1, 28, 28)");
    expect(() => imageGrid(batch(2, 2, 2, () => 0), { labels: [1] })).toThrow("showImages(): got 2 images but 1 labels; pass one label per image");
    expect(() => imageGrid(batch(1, 2, 2, () => 0), { nrow: 0 })).toThrow(/nrow must be a positive integer/);
  });

  it("writes the labels with OffscreenCanvas, synchronously, and encodes a PNG", () => {
    const drawn: string[] = [];
    class FakeCanvas {
      constructor(
        public width: number,
        public height: number,
      ) {}
      getContext() {
        const data = new Uint8ClampedArray(this.width * this.height * 4).fill(7);
        return { putImageData: () => undefined, getImageData: () => ({ data }), fillText: (t: string) => drawn.push(t), font: "", fillStyle: "", textAlign: "" };
      }
    }
    vi.stubGlobal("OffscreenCanvas", FakeCanvas);
    vi.stubGlobal("ImageData", class {});
    const grid = imageGrid(batch(2, 2, 2, () => 0), { labels: ["a", "b"] });
    expect(drawLabels(grid).every((v) => v === 7)).toBe(true);
    expect(drawn).toEqual(["a", "b"]);
    expect(atob(gridPng(grid)).slice(1, 4)).toBe("PNG");
  });

  it("leaves the labels to the text fallback where there is no OffscreenCanvas", () => {
    vi.stubGlobal("OffscreenCanvas", undefined);
    const grid = imageGrid(batch(1, 2, 2, () => 0), { labels: [3] });
    expect(drawLabels(grid)).toBe(grid.pixels);
  });
});
