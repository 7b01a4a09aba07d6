// The files each export format makes (safetensors, tfjs, pytorch = model.py + safetensors, checkpoint) and import by content.
import { checkpointBytes, restoreCheckpoint, CHECKPOINT_KEY, type CheckpointModel, type CheckpointOptimizer } from "./checkpoint";
import { stateDictToSafetensors } from "./export";
import { loadSafetensorsInto } from "./import";
import { generateModelPy } from "./model-py";
import { readSafetensors } from "./safetensors";
import { stateDictToTfjs } from "./tfjs-weights";

export const EXPORT_FORMATS = ["safetensors", "tfjs", "pytorch", "checkpoint"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** "safetensors" (default), "tfjs" (manifest JSON + .bin), "pytorch" (model.py + .safetensors), "checkpoint". */
  format?: ExportFormat;
  /** For "checkpoint": the optimizer whose state is saved with the weights. */
  optimizer?: unknown;
  /** For "checkpoint": epochs finished so far. */
  epoch?: number;
  /** For "checkpoint": anything JSON-serialisable to keep with it. */
  extra?: unknown;
}

export interface ExportedFile {
  filename: string;
  mime: string;
  bytes: Uint8Array;
}

const OCTET = "application/octet-stream";
const text = (s: string) => new TextEncoder().encode(s);

/** `"cnn.safetensors"` → `"cnn"`; a name may carry its format's extension. */
function baseName(name: string): string {
  return name.replace(/\.(checkpoint\.safetensors|safetensors|json|bin|py)$/i, "");
}

function isOptimizer(v: unknown): v is CheckpointOptimizer {
  const o = v as Partial<CheckpointOptimizer> & { paramGroups?: unknown } | null;
  return !!o && typeof o.stateDict === "function" && typeof o.loadStateDict === "function" && Array.isArray(o.paramGroups);
}

/**
 * The files one export makes, plus notes for the learner (e.g. a forward model.py could not translate).
 * `name` is the file name without extension (an extension of the format is accepted and dropped).
 */
export function exportFiles(model: unknown, name = "model", opts: ExportOptions = {}): { files: ExportedFile[]; notes: string[] } {
  const format = opts.format ?? "safetensors";
  if (!EXPORT_FORMATS.includes(format)) {
    throw new TypeError(`exportWeights: format must be one of ${EXPORT_FORMATS.map((f) => `"${f}"`).join(", ")}; got ${JSON.stringify(format)}`);
  }
  if (typeof name !== "string" || name.trim() === "") {
    throw new TypeError(`exportWeights(model, name): name must be a non-empty string; got ${JSON.stringify(name)}`);
  }
  const base = baseName(name.trim());
  switch (format) {
    case "safetensors":
      return { files: [{ filename: `${base}.safetensors`, mime: OCTET, bytes: stateDictToSafetensors(model) }], notes: [] };
    case "tfjs": {
      const { json, bin } = stateDictToTfjs(model, `${base}.weights.bin`);
      const manifest = text(JSON.stringify(json, null, 2));
      return {
        files: [
          { filename: `${base}.json`, mime: "application/json", bytes: manifest },
          { filename: `${base}.weights.bin`, mime: OCTET, bytes: bin },
        ],
        notes: [],
      };
    }
    case "pytorch": {
      const weights = stateDictToSafetensors(model);
      const py = generateModelPy(model, `${base}.safetensors`, base);
      const notes = py.untranslated.map(
        (u) => `${base}.py: the forward of ${u.className} could not be translated (${u.reason}); it raises NotImplementedError until you write it in Python.`,
      );
      return {
        files: [
          { filename: `${base}.py`, mime: "text/x-python", bytes: text(py.source) },
          { filename: `${base}.safetensors`, mime: OCTET, bytes: weights },
        ],
        notes,
      };
    }
    case "checkpoint": {
      if (opts.optimizer !== undefined && !isOptimizer(opts.optimizer)) {
        throw new TypeError("exportWeights(model, name, { format: \"checkpoint\", optimizer }): optimizer must be a torch.optim optimizer, e.g. new optim.SGD(...)");
      }
      const bytes = checkpointBytes({ model: model as CheckpointModel, optimizer: opts.optimizer as CheckpointOptimizer | undefined, epoch: opts.epoch, extra: opts.extra });
      const notes = opts.optimizer ? [] : ["The checkpoint has no optimizer state: pass { optimizer } to save it too."];
      return { files: [{ filename: `${base}.checkpoint.safetensors`, mime: OCTET, bytes }], notes };
    }
  }
}

/** True when the optimizer updates exactly this model's parameters (so a checkpoint's optimizer state fits it). */
function optimizerOf(model: unknown, optimizer: unknown): optimizer is CheckpointOptimizer {
  if (!isOptimizer(optimizer)) return false;
  const own = new Set((model as { parameters?: () => unknown[] }).parameters?.() ?? []);
  const params = (optimizer as unknown as { paramGroups: Array<{ params: unknown[] }> }).paramGroups.flatMap((g) => g.params);
  return params.length > 0 && params.every((p) => own.has(p));
}

/**
 * Loads a .safetensors file (Gradbook's, PyTorch's, or a Gradbook checkpoint) into `model`, all-or-nothing, and
 * says what happened. A checkpoint also restores `optimizer` when that optimizer updates this model.
 */
export function importFile(model: unknown, bytes: Uint8Array, opts: { optimizer?: unknown; filename?: string } = {}): string {
  const file = readSafetensors(bytes);
  const name = opts.filename ? ` ${opts.filename}` : "";
  const cls = (model as object).constructor?.name ?? "Module";
  if (file.metadata[CHECKPOINT_KEY] !== undefined) {
    const optimizer = optimizerOf(model, opts.optimizer) ? opts.optimizer : undefined;
    const { epoch } = restoreCheckpoint(bytes, { model: model as CheckpointModel, optimizer: optimizer as CheckpointOptimizer | undefined });
    const optNote = optimizer ? ` and ${optimizer.constructor.name} state` : " (no optimizer of this model in scope: optimizer state not restored)";
    return `Restored checkpoint${name} (epoch ${epoch}) into ${cls}: weights${optNote}, RNG state.`;
  }
  loadSafetensorsInto(model, bytes);
  return `Loaded ${file.tensors.size} tensors${opts.filename ? ` from ${opts.filename}` : ""} into ${cls}.`;
}
