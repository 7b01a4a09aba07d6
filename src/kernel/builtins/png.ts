// PNG encoding of display images (showImages, feature maps, weights) on fast-png, plus base64 for MIME bundles.
// fast-png (image-js, deflate by fflate) replaced our hand-written encoder: on a 672×672 grid of 64 MNIST digits
// it took 48–58 ms for 22.0 KB against 110 ms for 30.6 KB (same run, Node; README "why these libraries").
import { encode } from "fast-png";

/** Encodes RGBA pixels as an 8-bit PNG: greyscale when every pixel is grey, else RGB (alpha is dropped). */
export function encodePng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new Error(`encodePng: ${rgba.length} bytes is not ${width}×${height} RGBA (${width * height * 4} bytes)`);
  }
  let grey = true;
  for (let i = 0; i < rgba.length && grey; i += 4) grey = rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
  const channels = grey ? 1 : 3;
  const data = new Uint8Array(width * height * channels);
  for (let p = 0, q = 0; p < rgba.length; p += 4) {
    data[q++] = rgba[p];
    if (!grey) {
      data[q++] = rgba[p + 1];
      data[q++] = rgba[p + 2];
    }
  }
  return encode({ width, height, data, channels, depth: 8 });
}

/** Base64 of bytes, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
