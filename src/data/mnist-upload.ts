// Checks MNIST files a learner uploads (the .gz files or the un-gzipped IDX files) and keeps good ones in the store.
import { md5Hex } from "../lib/md5";
import { DataFileError, parseIdxImages, parseIdxLabels } from "./idx";
import type { MnistStore } from "./mnist-cache";
import { ALL_MNIST_FILES, MNIST_FILES, mnistUrl, type MnistFileInfo } from "./mnist-files";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** One checked file: which MNIST file it is, and the bytes to keep (the .gz as published, or the IDX file). */
export interface CheckedMnistFile {
  info: MnistFileInfo;
  kind: "gz" | "idx";
  bytes: Uint8Array;
}

const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;
const ROWS = 28;

async function gunzip(name: string, gz: Uint8Array): Promise<Uint8Array> {
  try {
    const body = new Response(gz as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(body).arrayBuffer());
  } catch (e) {
    throw new DataFileError(name, `${name} is gzip data that does not un-gzip (${(e as Error).message}): it is truncated or corrupt; upload the original file.`);
  }
}

/** Which MNIST file an IDX file's header says it is; errors name what is wrong (magic, count, image size). */
function identify(name: string, raw: Uint8Array): MnistFileInfo {
  if (raw.length < 8) {
    throw new DataFileError(name, `${name} is ${raw.length} bytes, too short for an IDX header: it is truncated or not an MNIST file.`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = view.getUint32(0, false);
  const count = view.getUint32(4, false);
  if (magic !== IMAGES_MAGIC && magic !== LABELS_MAGIC) {
    throw new DataFileError(
      name,
      `${name} is not an MNIST file: its magic number is ${magic}, MNIST's are ${IMAGES_MAGIC} (images) and ${LABELS_MAGIC} (labels). ` +
        `Upload train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (or their .gz).`,
    );
  }
  const what = magic === IMAGES_MAGIC ? "images" : "labels";
  const split = count === 60000 ? MNIST_FILES.train : count === 10000 ? MNIST_FILES.test : undefined;
  if (!split) {
    throw new DataFileError(
      name,
      `${name} holds ${count} ${what}; MNIST's training set has 60000 and its test set 10000: upload the original, complete file.`,
    );
  }
  const info = magic === IMAGES_MAGIC ? split.images : split.labels;
  const label = `${name} (uploaded as ${info.name.replace(/\.gz$/, "")})`;
  if (magic === IMAGES_MAGIC) {
    const img = parseIdxImages(raw, label);
    if (img.rows !== ROWS || img.cols !== ROWS) {
      throw new DataFileError(name, `${name} holds ${img.rows}×${img.cols} images; MNIST's are 28×28: upload the original file.`);
    }
  } else {
    parseIdxLabels(raw, label);
  }
  return info;
}

/** Checks one uploaded file, gzipped or not; throws DataFileError saying what is wrong and what to upload. */
export async function checkMnistFile(file: UploadedFile): Promise<CheckedMnistFile> {
  const { name, bytes } = file;
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzipped) {
    const sum = md5Hex(bytes);
    const exact = ALL_MNIST_FILES.find((f) => f.md5 === sum);
    if (exact) return { info: exact, kind: "gz", bytes };
  }
  const raw = gzipped ? await gunzip(name, bytes) : bytes;
  const info = identify(name, raw);
  if (raw.length !== info.rawSize || md5Hex(raw) !== info.rawMd5) {
    throw new DataFileError(
      name,
      `${name} has the shape of ${info.name.replace(/\.gz$/, "")} but not its content (md5 ${md5Hex(raw)}, expected ${info.rawMd5}): ` +
        `it is modified or corrupt; upload the original file.`,
    );
  }
  // Re-gzipped copies differ byte for byte from the published .gz: keep the checked IDX bytes instead.
  return { info, kind: "idx", bytes: raw };
}

/**
 * Checks every file first, then keeps them all under `<baseUrl><file>` (`.gz`) or `<baseUrl><file>` without `.gz`
 * (IDX): one bad file stores nothing. Returns the MNIST names stored.
 */
export async function storeMnistUpload(baseUrl: string, files: UploadedFile[], store: MnistStore): Promise<string[]> {
  if (files.length === 0) throw new DataFileError("(none)", "No files were given: upload the MNIST .gz or IDX files.");
  const checked: CheckedMnistFile[] = [];
  for (const f of files) checked.push(await checkMnistFile(f));
  for (const c of checked) {
    const url = mnistUrl(baseUrl, c.kind === "gz" ? c.info.name : c.info.name.replace(/\.gz$/, ""));
    await store.put(url, c.bytes);
  }
  return checked.map((c) => c.info.name.replace(/\.gz$/, ""));
}
