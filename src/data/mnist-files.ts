// Fetches, verifies (md5), gunzips and parses the four MNIST files; runs in the worker and in Node (no DOM).
import { md5Hex } from "../lib/md5";
import { DataFileError, parseIdxImages, parseIdxLabels } from "./idx";
import type { MnistStore } from "./mnist-cache";

export type MnistSplit = "train" | "test";

export interface MnistFileInfo {
  /** File name as published, e.g. `train-images-idx3-ubyte.gz`. */
  name: string;
  /** Official md5 of the .gz bytes. */
  md5: string;
  /** Size in bytes of the .gz file, the progress total when the server sends no Content-Length. */
  size: number;
  /** md5 and size of the un-gzipped IDX file (a learner may upload that instead of the .gz). */
  rawMd5: string;
  rawSize: number;
}

/** The official MNIST files (md5 of the .gz files, as in ../shared/mnist/MD5SUMS). */
export const MNIST_FILES: Record<MnistSplit, { images: MnistFileInfo; labels: MnistFileInfo }> = {
  train: {
    images: {
      name: "train-images-idx3-ubyte.gz",
      md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873",
      size: 9912422,
      rawMd5: "6bbc9ace898e44ae57da46a324031adb",
      rawSize: 47040016,
    },
    labels: {
      name: "train-labels-idx1-ubyte.gz",
      md5: "d53e105ee54ea40749a09fcbcd1e9432",
      size: 28881,
      rawMd5: "a25bea736e30d166cdddb491f175f624",
      rawSize: 60008,
    },
  },
  test: {
    images: {
      name: "t10k-images-idx3-ubyte.gz",
      md5: "9fb629c4189551a2d022fa330f9573f3",
      size: 1648877,
      rawMd5: "2646ac647ad5339dbf082846283269ea",
      rawSize: 7840016,
    },
    labels: {
      name: "t10k-labels-idx1-ubyte.gz",
      md5: "ec29112dd5afa0611ce80d1b7f02629c",
      size: 4542,
      rawMd5: "27ae3e4e09519cfbb04c329615203637",
      rawSize: 10008,
    },
  },
};

/** All four file infos, in a fixed order (train images, train labels, test images, test labels). */
export const ALL_MNIST_FILES: MnistFileInfo[] = [
  MNIST_FILES.train.images,
  MNIST_FILES.train.labels,
  MNIST_FILES.test.images,
  MNIST_FILES.test.labels,
];

export interface MnistProgress {
  file: string;
  loaded: number;
  total: number;
}

export interface MnistSplitData {
  /** [count, rows, cols] row-major bytes 0..255. */
  images: Uint8Array;
  /** [count] digits 0..9. */
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

type FetchLike = (url: string) => Promise<Response>;

const WHERE_TO_PUT_THEM =
  "put the four MNIST files in ../shared/mnist (next to the project) or set GRADBOOK_MNIST_DIR to their folder " +
  "and restart the dev server (or rebuild the site), or upload them (the MNIST files… button, or drop them on the page)";

/** Joins a base URL (absolute or root-relative, with or without a trailing slash) and a file name. */
export function mnistUrl(baseUrl: string, name: string): string {
  return baseUrl.replace(/\/*$/, "/") + name;
}

/** Downloads one file, reporting progress per chunk; throws a DataFileError naming the file and the URL. */
async function download(
  info: MnistFileInfo,
  url: string,
  fetchImpl: FetchLike,
  onProgress?: (p: MnistProgress) => void,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (e) {
    throw new DataFileError(
      info.name,
      `Could not download ${info.name} from ${url}: network error (${(e as Error).message}); ` +
        `check that you are online and the server is running, or ${WHERE_TO_PUT_THEM}.`,
    );
  }
  if (!response.ok) {
    const why =
      response.status === 404 ? "the dev server could not find it" : `the server answered HTTP ${response.status}`;
    throw new DataFileError(
      info.name,
      `Could not download ${info.name} from ${url}: HTTP ${response.status}; ${why}: ${WHERE_TO_PUT_THEM}.`,
    );
  }
  const total = Number(response.headers.get("Content-Length")) || info.size;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress?.({ file: info.name, loaded, total });
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.length;
        onProgress?.({ file: info.name, loaded, total });
      }
    } else {
      const whole = new Uint8Array(await response.arrayBuffer());
      chunks.push(whole);
      loaded = whole.length;
      onProgress?.({ file: info.name, loaded, total });
    }
  } catch (e) {
    throw new DataFileError(
      info.name,
      `Download of ${info.name} from ${url} broke off after ${loaded} of ${total} bytes ` +
        `(${(e as Error).message}); it was not cached; retry.`,
    );
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return bytes;
}

/** Where bytes came from, for messages: "from <url>" or "(uploaded)", and what to do when they are bad. */
interface Source {
  where: string;
  retry: string;
}
const fromUrl = (url: string): Source => ({
  where: `from ${url}`,
  retry: "corrupt or incomplete download; it was not cached; retry",
});
const UPLOADED: Source = {
  where: "(uploaded)",
  retry: "not the official file or corrupt; upload the original .gz file",
};

/** Checks size and md5 of the .gz bytes, with a hint for the usual ways a server gets it wrong. */
function verify(info: MnistFileInfo, source: Source, bytes: Uint8Array): void {
  const sum = md5Hex(bytes);
  if (sum === info.md5) return;
  let hint = "";
  if (bytes[0] === 0x3c /* '<' */) {
    hint = ` The server sent a web page, not the file, so it does not serve MNIST at that URL: ${WHERE_TO_PUT_THEM}.`;
  } else if (bytes.length >= 2 && !(bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    hint =
      " The bytes are not gzip data: use the .gz files as published (a browser un-gzips them if the server sends " +
      "`Content-Encoding: gzip`; serve them as application/gzip without Content-Encoding).";
  }
  const size = bytes.length === info.size ? "" : ` (got ${bytes.length} bytes, expected ${info.size})`;
  throw new DataFileError(
    info.name,
    `${info.name} ${source.where} has md5 ${sum}, expected ${info.md5}${size}: ${source.retry}.${hint}`,
  );
}

/** Gunzips with the platform's DecompressionStream (browser, worker and Node 20 alike). */
async function gunzip(info: MnistFileInfo, source: Source, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const body = new Response(bytes as Uint8Array<ArrayBuffer>).body!;
    return new Uint8Array(await new Response(body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  } catch (e) {
    throw new DataFileError(
      info.name,
      `${info.name} ${source.where} could not be un-gzipped (${(e as Error).message}): ${source.retry}.`,
    );
  }
}

/** Verifies and gunzips one .gz file; the label for parse errors names the file and where it came from. */
export async function decodeGz(info: MnistFileInfo, source: Source, gz: Uint8Array) {
  verify(info, source, gz);
  return { raw: await gunzip(info, source, gz), label: `${info.name} (${source.where})` };
}

export type Decoded = { raw: Uint8Array; label: string };

const CACHED: Source = { where: "(cached in this browser)", retry: "the cached copy is damaged; it is downloaded again" };

/**
 * The browser's copy of one file, if it has a good one: the .gz (downloaded or uploaded), else the IDX file a learner
 * uploaded. Both are md5-checked on every read; a damaged copy counts as none (the download replaces it).
 */
async function fromStore(info: MnistFileInfo, url: string, store: MnistStore): Promise<Decoded | undefined> {
  const gz = await store.get(url);
  if (gz) {
    try {
      return await decodeGz(info, CACHED, gz);
    } catch {
      // fall through: the download below replaces it
    }
  }
  const raw = await store.get(url.replace(/\.gz$/, ""));
  if (raw && raw.length === info.rawSize && md5Hex(raw) === info.rawMd5) return { raw, label: `${info.name} (${CACHED.where})` };
  return undefined;
}

function combine(split: MnistSplit, img: Decoded, lab: Decoded): MnistSplitData {
  const files = MNIST_FILES[split];
  const images = parseIdxImages(img.raw, img.label);
  const labels = parseIdxLabels(lab.raw, lab.label);
  if (images.count !== labels.count) {
    throw new DataFileError(
      files.labels.name,
      `${files.images.name} has ${images.count} images but ${files.labels.name} has ${labels.count} labels; ` +
        `they are from different splits: re-download both.`,
    );
  }
  return { images: images.pixels, labels: labels.labels, count: images.count, rows: images.rows, cols: images.cols };
}

function splitFiles(split: MnistSplit) {
  const files = MNIST_FILES[split];
  if (!files) throw new DataFileError(String(split), `Unknown MNIST split "${split}"; use "train" or "test".`);
  return files;
}

/**
 * Loads one MNIST split from `store` (the browser's copy) or `baseUrl` (where the four `.gz` files are served, e.g.
 * `/mnist/`), keeping a downloaded copy in `store`.
 * Returns images [count, rows, cols] and labels [count]; throws DataFileError saying what to do.
 */
export async function loadMnistSplit(
  baseUrl: string,
  split: MnistSplit,
  onProgress?: (p: MnistProgress) => void,
  fetchImpl: FetchLike = (url) => fetch(url),
  store?: MnistStore,
): Promise<MnistSplitData> {
  const files = splitFiles(split);
  const fetchOne = async (info: MnistFileInfo) => {
    const url = mnistUrl(baseUrl, info.name);
    const kept = store && (await fromStore(info, url, store));
    if (kept) {
      onProgress?.({ file: info.name, loaded: info.size, total: info.size });
      return kept;
    }
    const gz = await download(info, url, fetchImpl, onProgress);
    const decoded = await decodeGz(info, fromUrl(url), gz);
    // Only md5-good bytes are kept; a full disk costs the next visit a download, not this one its data.
    await store?.put(url, gz).catch(() => undefined);
    return decoded;
  };
  const [img, lab] = await Promise.all([fetchOne(files.images), fetchOne(files.labels)]);
  return combine(split, img, lab);
}

/** Decodes one split from .gz bytes the user uploaded (same checks as `loadMnistSplit`). */
export async function decodeMnistSplit(
  split: MnistSplit,
  gz: { images: Uint8Array; labels: Uint8Array },
): Promise<MnistSplitData> {
  const files = splitFiles(split);
  const [img, lab] = await Promise.all([
    decodeGz(files.images, UPLOADED, gz.images),
    decodeGz(files.labels, UPLOADED, gz.labels),
  ]);
  return combine(split, img, lab);
}
