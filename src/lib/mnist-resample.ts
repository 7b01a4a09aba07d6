// A drawing → a 28×28 MNIST-style image, as MNIST was made: ink box scaled into 20×20, centre of mass at the centre.

export const MNIST_SIDE = 28;
const BOX = 20;

/**
 * `ink`: row-major values in 0..1 (1 = ink) of a width×height drawing. Returns 784 values in 0..1: the ink's bounding box
 * is scaled (aspect kept, area-averaged, i.e. anti-aliased) to fit 20×20, then placed in a 28×28 field so that its
 * centre of mass sits at the centre (LeCun's MNIST recipe). An empty drawing gives all zeros.
 */
export function toMnist(ink: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  const box = inkBox(ink, width, height);
  if (!box) return out;
  const scale = BOX / Math.max(box.w, box.h);
  const tw = Math.max(1, Math.round(box.w * scale));
  const th = Math.max(1, Math.round(box.h * scale));
  const small = resampleArea(ink, width, box, tw, th);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const ox = clamp(Math.round(MNIST_SIDE / 2 - mx / mass), MNIST_SIDE - tw);
  const oy = clamp(Math.round(MNIST_SIDE / 2 - my / mass), MNIST_SIDE - th);
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) out[(oy + y) * MNIST_SIDE + ox + x] = Math.min(1, small[y * tw + x]);
  return out;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The smallest rectangle holding every pixel with ink above 1%. */
export function inkBox(ink: ArrayLike<number>, width: number, height: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= 0.01) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Each target pixel is the average of the source area it covers (fractional edges weighted), one axis at a time. */
function resampleArea(ink: ArrayLike<number>, width: number, box: Box, tw: number, th: number): Float32Array {
  const cols = weights(box.w, tw);
  const rows = weights(box.h, th);
  const mid = new Float32Array(box.h * tw);
  for (let y = 0; y < box.h; y++) {
    const base = (box.y + y) * width + box.x;
    for (let t = 0; t < tw; t++) {
      let s = 0;
      for (const [i, wgt] of cols[t]) s += ink[base + i] * wgt;
      mid[y * tw + t] = s;
    }
  }
  const out = new Float32Array(tw * th);
  for (let t = 0; t < th; t++) {
    for (let x = 0; x < tw; x++) {
      let s = 0;
      for (const [i, wgt] of rows[t]) s += mid[i * tw + x] * wgt;
      out[t * tw + x] = s;
    }
  }
  return out;
}

/** For each of `n` target cells over `len` source cells: [source index, weight] pairs with weights summing to 1. */
function weights(len: number, n: number): Array<Array<[number, number]>> {
  const step = len / n;
  return Array.from({ length: n }, (_, t) => {
    const a = t * step;
    const b = a + step;
    const pairs: Array<[number, number]> = [];
    for (let i = Math.floor(a); i < Math.min(len, Math.ceil(b)); i++) {
      const overlap = Math.min(b, i + 1) - Math.max(a, i);
      if (overlap > 0) pairs.push([i, overlap / step]);
    }
    return pairs;
  });
}
