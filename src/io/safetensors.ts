// Reads and writes the safetensors format (huggingface/safetensors): u64 header size, JSON header, flat byte buffer.

/** The dtypes Gradbook reads and writes, as spelled in safetensors headers. */
export type SafetensorsDtype = "F32" | "I32" | "I64" | "U8" | "BOOL" | "F16";

/** F16 travels as raw IEEE half bits (Uint16Array); see `halfToFloat32`. */
export type SafetensorsData = Float32Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array;

export interface SafetensorsInput {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  data: ArrayBufferView;
}

export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: SafetensorsData;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  /** In file order (by offset). */
  tensors: Map<string, SafetensorsTensor>;
}

const ITEM_SIZE: Record<SafetensorsDtype, number> = { F32: 4, I32: 4, I64: 8, U8: 1, BOOL: 1, F16: 2 };
const ARRAY_TYPE: Record<SafetensorsDtype, { new (buf: ArrayBuffer): SafetensorsData; name: string }> = {
  F32: Float32Array,
  I32: Int32Array,
  I64: BigInt64Array,
  U8: Uint8Array,
  BOOL: Uint8Array,
  F16: Uint16Array,
};
// Same cap as the reference implementation: a bigger header is a corrupt or hostile file.
const MAX_HEADER_BYTES = 100_000_000;

export class SafetensorsError extends Error {
  override name = "SafetensorsError";
}

function numel(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function isShape(shape: unknown): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0);
}

/**
 * Serializes tensors (laid out in the order given) and optional string metadata to safetensors bytes.
 * Data is copied as is: the host must be little-endian, as every browser is.
 */
export function writeSafetensors(tensors: SafetensorsInput[], metadata?: Record<string, string>): Uint8Array {
  const seen = new Set<string>();
  const entries: string[] = [];
  if (metadata) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") {
        throw new SafetensorsError(`metadata["${k}"] is a ${typeof v}; safetensors metadata values must be strings.`);
      }
    }
    entries.push(`"__metadata__":${JSON.stringify(metadata)}`);
  }
  let offset = 0;
  for (const t of tensors) {
    const where = `tensor "${t.name}"`;
    if (t.name === "__metadata__") throw new SafetensorsError(`"__metadata__" is reserved; rename that tensor.`);
    if (seen.has(t.name)) throw new SafetensorsError(`${where} appears twice; tensor names must be unique.`);
    seen.add(t.name);
    if (!(t.dtype in ITEM_SIZE)) {
      throw new SafetensorsError(`${where} has dtype "${t.dtype}"; use one of ${Object.keys(ITEM_SIZE).join(", ")}.`);
    }
    if (!isShape(t.shape)) {
      throw new SafetensorsError(`${where} has shape ${JSON.stringify(t.shape)}; use non-negative integers.`);
    }
    const want = ARRAY_TYPE[t.dtype];
    if (!(t.data instanceof want) && !(want === Uint8Array && t.data instanceof Uint8ClampedArray)) {
      const kind = t.data.constructor.name;
      throw new SafetensorsError(`${where} is ${t.dtype} but its data is a ${kind}; pass a ${want.name}.`);
    }
    const bytes = numel(t.shape) * ITEM_SIZE[t.dtype];
    if (t.data.byteLength !== bytes) {
      throw new SafetensorsError(
        `${where} has shape [${t.shape}] (${numel(t.shape)} ${t.dtype} = ${bytes} bytes) ` +
          `but its data is ${t.data.byteLength} bytes; reshape it or pass the matching data.`,
      );
    }
    const info = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    // Built by hand, not via an object: JS would reorder integer-like names ("0") in an object's keys.
    entries.push(`${JSON.stringify(t.name)}:${JSON.stringify(info)}`);
    offset += bytes;
  }
  const json = new TextEncoder().encode(`{${entries.join(",")}}`);
  const headerSize = Math.ceil(json.length / 8) * 8; // pad with spaces so the data starts 8-byte aligned
  const out = new Uint8Array(8 + headerSize + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerSize), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerSize);
  let pos = 8 + headerSize;
  for (const t of tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

/** Parses and validates safetensors bytes; every tensor gets its own (aligned) copy of its data. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) {
    throw new SafetensorsError(`File is ${bytes.length} bytes, too short for the 8-byte safetensors header size.`);
  }
  const headerSize = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerSize > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      `Header size ${headerSize} is over ${MAX_HEADER_BYTES} bytes; this is not a safetensors file.`,
    );
  }
  const n = Number(headerSize);
  if (8 + n > bytes.length) {
    throw new SafetensorsError(
      `Header size ${n} reaches beyond the end of the ${bytes.length}-byte file; it is truncated or not safetensors.`,
    );
  }
  let header: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n));
    if (!text.startsWith("{")) throw new Error(`it starts with ${JSON.stringify(text.slice(0, 10))}, not "{"`);
    header = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(`Header is not valid UTF-8 JSON (${(e as Error).message}); the file is corrupt.`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw new SafetensorsError("Header JSON is not an object of tensor entries; the file is corrupt.");
  }
  const data = bytes.subarray(8 + n);
  const { __metadata__: rawMeta, ...entries } = header as Record<string, unknown>;
  const metadata = checkMetadata(rawMeta);

  const layout: Array<{ name: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }> = [];
  for (const [name, entry] of Object.entries(entries)) {
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as Record<string, unknown>;
    const where = `Tensor "${name}"`;
    if (typeof dtype !== "string" || !Object.hasOwn(ITEM_SIZE, dtype)) {
      throw new SafetensorsError(
        `${where} has dtype ${JSON.stringify(dtype)}; Gradbook reads ${Object.keys(ITEM_SIZE).join(", ")}. ` +
          `Convert it before saving, e.g. tensor.float() in PyTorch.`,
      );
    }
    if (!isShape(shape)) {
      throw new SafetensorsError(`${where} has shape ${JSON.stringify(shape)}; the file is corrupt.`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw new SafetensorsError(`${where} has data_offsets ${JSON.stringify(offsets)}; expected [begin, end].`);
    }
    const [begin, end] = offsets as number[];
    const d = dtype as SafetensorsDtype;
    const expected = numel(shape) * ITEM_SIZE[d];
    if (end - begin !== expected) {
      throw new SafetensorsError(
        `${where} has data_offsets [${begin}, ${end}] (${end - begin} bytes), but ${d} [${shape}] needs ${expected}.`,
      );
    }
    if (end > data.length) {
      throw new SafetensorsError(
        `${where} ends at byte ${end}, past the end of the ${data.length}-byte data buffer; the file is truncated.`,
      );
    }
    layout.push({ name, dtype: d, shape, begin, end });
  }

  // The buffer must be covered exactly: no holes (room for hidden payloads) and no overlaps.
  layout.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const t of layout) {
    if (t.begin > cursor) {
      throw new SafetensorsError(
        `Hole in the data buffer: bytes ${cursor}..${t.begin} belong to no tensor (before "${t.name}").`,
      );
    }
    if (t.begin < cursor) {
      throw new SafetensorsError(
        `Tensor "${t.name}" overlaps the tensor before it (starts at ${t.begin}, previous ends at ${cursor}).`,
      );
    }
    cursor = t.end;
  }
  if (cursor !== data.length) {
    throw new SafetensorsError(`The data buffer has ${data.length - cursor} trailing bytes that belong to no tensor.`);
  }

  const tensors = new Map<string, SafetensorsTensor>();
  for (const t of layout) {
    // A copy into a fresh buffer (aligned for every element type). Not data.slice(): on a Node Buffer that is a view.
    const buf = new Uint8Array(data.subarray(t.begin, t.end)).buffer;
    tensors.set(t.name, { dtype: t.dtype, shape: t.shape, data: new ARRAY_TYPE[t.dtype](buf) });
  }
  return { metadata, tensors };
}

function checkMetadata(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new SafetensorsError(`__metadata__ is ${JSON.stringify(raw)}; it must be an object of strings.`);
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== "string") {
      throw new SafetensorsError(`__metadata__["${k}"] is ${JSON.stringify(v)}; it must be a string.`);
    }
  }
  return raw as Record<string, string>;
}

/** Converts IEEE 754 half-precision bits (as read for F16) to float32 values. */
export function halfToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) out[i] = sign * frac * 2 ** -24; // zero and subnormals
    else if (exp === 31) out[i] = frac ? NaN : sign * Infinity;
    else out[i] = sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return out;
}
