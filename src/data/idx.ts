// Parser for the IDX files MNIST ships in (already gunzipped): images (magic 2051) and labels (magic 2049).

/** A data file that is missing, corrupt or of the wrong kind; the message names the file and the fix. */
export class DataFileError extends Error {
  override name = "DataFileError";
  constructor(
    /** The file (or URL) at fault, e.g. `train-images-idx3-ubyte`. */
    readonly fileName: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** [count, rows, cols] row-major, one byte per pixel (0 = background, 255 = ink); a view into the input. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  count: number;
  /** [count], each in 0..9; a view into the input. */
  labels: Uint8Array;
}

const IMAGES_MAGIC = 2051; // 0x00000803: unsigned bytes, 3 dimensions
const LABELS_MAGIC = 2049; // 0x00000801: unsigned bytes, 1 dimension
const KIND: Record<number, string> = { [IMAGES_MAGIC]: "an image file", [LABELS_MAGIC]: "a label file" };

/** Reads the big-endian header words, checking the file is long enough to hold them and the magic number. */
function readHeader(bytes: Uint8Array, fileName: string, magic: number, words: number): number[] {
  const what = KIND[magic];
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new DataFileError(fileName, `${fileName} is still gzip-compressed; gunzip it before parsing it as ${what}.`);
  }
  if (bytes.length < words * 4) {
    throw new DataFileError(
      fileName,
      `${fileName} is ${bytes.length} bytes, too short for the ${words * 4}-byte IDX header of ${what}; ` +
        `it is truncated or not an IDX file: re-download it.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
  if (header[0] !== magic) {
    const other = KIND[header[0]];
    const hint = other
      ? `it is ${other} (magic ${header[0]}): check that the image and label files are not swapped`
      : `it may be a different IDX file, not gunzipped, or not an IDX file at all`;
    throw new DataFileError(
      fileName,
      `${fileName} has magic number ${header[0]}, expected ${magic} for ${what}; ${hint}.`,
    );
  }
  return header;
}

/** Checks the payload length is exactly what the header promises. */
function checkLength(bytes: Uint8Array, fileName: string, headerBytes: number, expected: number, dims: string) {
  const got = bytes.length - headerBytes;
  if (got < expected) {
    throw new DataFileError(
      fileName,
      `${fileName} is truncated: expected ${expected} bytes of data for ${dims}, got ${got}; re-download it.`,
    );
  }
  if (got > expected) {
    throw new DataFileError(
      fileName,
      `${fileName} has ${got - expected} bytes more than the ${expected} its header promises for ${dims}; ` +
        `it is corrupt: re-download it.`,
    );
  }
}

/** Parses an IDX image file (`*-images-idx3-ubyte`, gunzipped). */
export function parseIdxImages(bytes: Uint8Array, fileName: string): IdxImages {
  const [, count, rows, cols] = readHeader(bytes, fileName, IMAGES_MAGIC, 4);
  if (rows === 0 || cols === 0) {
    throw new DataFileError(fileName, `${fileName} declares ${rows}x${cols} images; it is corrupt: re-download it.`);
  }
  checkLength(bytes, fileName, 16, count * rows * cols, `${count}×${rows}×${cols} images`);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** Parses an IDX label file (`*-labels-idx1-ubyte`, gunzipped); every label must be a digit 0..9. */
export function parseIdxLabels(bytes: Uint8Array, fileName: string): IdxLabels {
  const [, count] = readHeader(bytes, fileName, LABELS_MAGIC, 2);
  checkLength(bytes, fileName, 8, count, `${count} labels`);
  const labels = bytes.subarray(8);
  for (let i = 0; i < count; i++) {
    if (labels[i] > 9) {
      throw new DataFileError(
        fileName,
        `${fileName} has label ${labels[i]} at index ${i}, outside the digit range 0..9; ` +
          `it is corrupt or not an MNIST label file: re-download it.`,
      );
    }
  }
  return { count, labels };
}
