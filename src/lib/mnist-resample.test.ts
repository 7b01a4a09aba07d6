// The draw pad's downsampling: MNIST's 20×20 box, aspect kept, centre of mass at the centre of 28×28.
import { describe, expect, it } from "vitest";
import { inkBox, toMnist } from "./mnist-resample";

/** A w×h canvas with a filled rectangle. */
function canvas(w: number, h: number, rect: { x: number; y: number; w: number; h: number }): Float32Array {
  const ink = new Float32Array(w * h);
  for (let y = rect.y; y < rect.y + rect.h; y++) for (let x = rect.x; x < rect.x + rect.w; x++) ink[y * w + x] = 1;
  return ink;
}

function centreOfMass(img: Float32Array): [number, number] {
  let m = 0, cx = 0, cy = 0;
  img.forEach((v, i) => {
    m += v;
    cx += v * ((i % 28) + 0.5);
    cy += v * (Math.floor(i / 28) + 0.5);
  });
  return [cx / m, cy / m];
}

describe("toMnist", () => {
  it("gives zeros for an empty drawing", () => {
    expect(Array.from(toMnist(new Float32Array(280 * 280), 280, 280)).every((v) => v === 0)).toBe(true);
  });

  it("scales the ink's box to 20 pixels on its long side, keeping the aspect ratio", () => {
    // A 40×200 bar drawn off-centre in a 280×280 canvas → 4×20 in the 28×28 image.
    const img = toMnist(canvas(280, 280, { x: 10, y: 30, w: 40, h: 200 }), 280, 280);
    const box = inkBox(img, 28, 28)!;
    expect([box.w, box.h]).toEqual([4, 20]);
    expect([box.x, box.y]).toEqual([12, 4]);
    expect(Math.max(...img)).toBeCloseTo(1, 5);
    const [cx, cy] = centreOfMass(img);
    expect(cx).toBeCloseTo(14, 5);
    expect(cy).toBeCloseTo(14, 5);
  });

  it("moves the centre of mass, not the box centre, to the middle", () => {
    // An L shape: heavy at the bottom, so the box sits higher than centred.
    const w = 100;
    const ink = canvas(w, w, { x: 0, y: 0, w: 10, h: 100 });
    for (let y = 90; y < 100; y++) for (let x = 0; x < 100; x++) ink[y * w + x] = 1;
    const img = toMnist(ink, w, w);
    const [cx, cy] = centreOfMass(img);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(inkBox(img, 28, 28)!.y).toBe(0); // centring the box would put it at y = 4
  });

  it("anti-aliases: a thin line keeps its ink as grey, not lost between samples", () => {
    // Two 5 px lines 200 px apart: the box is 200 wide, so the scale is 1/10 and each line is half a pixel wide.
    const ink = canvas(280, 280, { x: 40, y: 40, w: 5, h: 200 });
    for (let y = 40; y < 240; y++) for (let x = 235; x < 240; x++) ink[y * 280 + x] = 1;
    const img = toMnist(ink, 280, 280);
    expect(img.reduce((a, b) => a + b, 0)).toBeCloseTo(2 * 5 * 200 * 0.01, 3);
    expect(Math.max(...img)).toBeCloseTo(0.5, 5);
  });
});
