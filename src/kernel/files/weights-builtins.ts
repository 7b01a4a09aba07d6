// Cell builtins for weights in and out: exportWeights (four formats), loadWeights and uploadedFile (files from Import).
import { repr } from "../runtime/format";
import type { ExportFormat } from "../protocol";

/** The engine's file formats (io/weights-files.ts), injected so the kernel runs in Node tests with fakes. */
export interface WeightsFiles {
  exportFiles(
    model: unknown,
    name: string,
    opts: { format?: ExportFormat; optimizer?: unknown; epoch?: number; extra?: unknown },
  ): { files: Array<{ filename: string; bytes: Uint8Array }>; notes: string[] };
  /** Loads bytes into the model (a checkpoint also restores the optimizer); returns a one-line summary. */
  importFile(model: unknown, bytes: Uint8Array, opts: { optimizer?: unknown; filename?: string }): string;
}

/** Files the page uploaded with the Import control, by name, newest last. */
export type Uploads = Map<string, Uint8Array>;

export interface WeightsHost {
  isModule(value: unknown): boolean;
  stateDictToSafetensors(model: unknown): Uint8Array;
  download(filename: string, bytes: Uint8Array): void;
  write(name: "stdout" | "stderr", text: string): void;
  weights?: WeightsFiles;
  uploads?: Uploads;
}

export interface ExportWeightsOptions {
  format?: ExportFormat;
  optimizer?: unknown;
  epoch?: number;
  extra?: unknown;
}

/** The newest upload, or the one named; a clear error saying how to upload otherwise. */
export function pickUpload(uploads: Uploads | undefined, name?: string): [string, Uint8Array] {
  const names = [...(uploads?.keys() ?? [])];
  if (name === undefined) {
    const last = names.at(-1);
    if (last === undefined) throw new Error("No uploaded file: upload one with the ⤒ Import weights button first.");
    return [last, uploads!.get(last)!];
  }
  const bytes = uploads?.get(name);
  if (!bytes) {
    const have = names.length ? `uploaded: ${names.map((n) => `"${n}"`).join(", ")}` : "nothing is uploaded yet";
    throw new Error(`No uploaded file "${name}" (${have}); upload it with the ⤒ Import weights button.`);
  }
  return [name, bytes];
}

export function makeWeightsBuiltins(host: WeightsHost) {
  const needModule = (fn: string, model: unknown) => {
    if (!host.isModule(model)) throw new TypeError(`${fn}(model) needs an nn.Module, e.g. ${fn}(model); got ${repr(model)}`);
  };

  /**
   * Downloads the model: exportWeights(model, "cnn", { format: "pytorch" }). Formats: "safetensors" (default),
   * "tfjs" (cnn.json + cnn.weights.bin), "pytorch" (cnn.py + cnn.safetensors), "checkpoint" (with { optimizer, epoch }).
   */
  function exportWeights(model: unknown, name = "model", opts: ExportWeightsOptions = {}): void {
    needModule("exportWeights", model);
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`exportWeights(model, name): name must be a non-empty string; got ${repr(name)}`);
    }
    if (!host.weights) {
      host.download(name.includes(".") ? name : `${name}.safetensors`, host.stateDictToSafetensors(model));
      return;
    }
    const { files, notes } = host.weights.exportFiles(model, name, opts ?? {});
    for (const f of files) host.download(f.filename, f.bytes);
    for (const n of notes) host.write("stderr", `${n}\n`);
  }

  /** Loads an uploaded file (newest, or by name) into the model; a checkpoint also restores { optimizer }. */
  function loadWeights(model: unknown, name?: string, opts: { optimizer?: unknown } = {}): string {
    needModule("loadWeights", model);
    if (!host.weights) throw new Error("loadWeights is not available in this kernel");
    const [filename, bytes] = pickUpload(host.uploads, name);
    return host.weights.importFile(model, bytes, { optimizer: opts?.optimizer, filename });
  }

  /** The bytes of an uploaded file (newest, or by name): model.loadStateDict(loadSafetensors(uploadedFile("x.safetensors"))). */
  function uploadedFile(name?: string): Uint8Array {
    return pickUpload(host.uploads, name)[1].slice();
  }

  return { exportWeights, loadWeights, uploadedFile };
}

/** What the Export/Import controls need from the kernel beyond WeightsHost. */
export interface ControlHost extends WeightsHost {
  /** `model`, else the most recently assigned Module. */
  findModel(): unknown;
  /** `optimizer`, else the most recently assigned optimizer. */
  findOptimizer(): unknown;
}

const NO_MODEL = "define one, e.g. const model = new nn.Linear(784, 10)";
const valueError = (message: string) => Object.assign(new Error(message), { name: "ValueError" });

/** The Export control: downloads the model in scope in `format`; returns what to tell the learner. */
export function exportFromControl(host: ControlHost, format: ExportFormat = "safetensors"): string {
  const model = host.findModel();
  if (model === undefined) throw valueError(`No model to export: ${NO_MODEL}`);
  if (!host.weights) {
    host.download("model.safetensors", host.stateDictToSafetensors(model));
    return "model.safetensors";
  }
  const optimizer = format === "checkpoint" ? host.findOptimizer() : undefined;
  const { files, notes } = host.weights.exportFiles(model, "model", { format, optimizer });
  for (const f of files) host.download(f.filename, f.bytes);
  // A toolbar user has no `{ optimizer }` to pass: say what would put the optimizer in.
  const shown = format === "checkpoint" && optimizer === undefined ? [NO_OPTIMIZER_FOR_CONTROL] : notes;
  return [files.map((f) => f.filename).join(" + "), ...shown].join("\n");
}

const NO_OPTIMIZER_FOR_CONTROL = "Weights only: no optimizer of this model has stepped yet. Train it, then save again to include the optimizer state.";

/** The Import control: keeps the file for loadWeights() and loads it into the model in scope. */
export function importFromControl(host: ControlHost, filename: string, bytes: Uint8Array): string {
  host.uploads?.delete(filename); // re-uploading moves the file to the end (newest)
  host.uploads?.set(filename, bytes);
  const model = host.findModel();
  if (model === undefined) {
    throw valueError(`Uploaded ${filename}, but there is no model to load it into: ${NO_MODEL}, then loadWeights(model, "${filename}").`);
  }
  if (!host.weights) throw new Error("Importing weights is not available in this kernel");
  return host.weights.importFile(model, bytes, { optimizer: host.findOptimizer(), filename });
}
