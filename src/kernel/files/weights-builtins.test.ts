// exportWeights / loadWeights / uploadedFile and the Export/Import controls, with a fake engine.
import { describe, expect, it } from "vitest";
import { exportFromControl, importFromControl, makeWeightsBuiltins, type ControlHost, type WeightsFiles } from "./weights-builtins";

class FakeModule {
  constructor(readonly label: string) {}
}

function host(over: Partial<ControlHost> = {}) {
  const downloads: string[] = [];
  const stderr: string[] = [];
  const calls: unknown[][] = [];
  const weights: WeightsFiles = {
    exportFiles: (model, name, opts) => {
      calls.push(["export", (model as FakeModule).label, name, opts]);
      const ext = opts.format === "pytorch" ? [".py", ".safetensors"] : [".safetensors"];
      return { files: ext.map((e) => ({ filename: name + e, bytes: new Uint8Array(1) })), notes: opts.format === "pytorch" ? ["a note"] : [] };
    },
    importFile: (model, bytes, opts) => {
      calls.push(["import", (model as FakeModule).label, bytes.length, opts]);
      return `loaded ${opts.filename}`;
    },
  };
  const h: ControlHost = {
    isModule: (v) => v instanceof FakeModule,
    stateDictToSafetensors: () => new Uint8Array(2),
    download: (f) => downloads.push(f),
    write: (_n, t) => stderr.push(t),
    weights,
    uploads: new Map(),
    findModel: () => new FakeModule("m"),
    findOptimizer: () => "opt",
    ...over,
  };
  return { h, downloads, stderr, calls };
}

describe("weights builtins", () => {
  it("exportWeights downloads every file of the format and prints the notes", () => {
    const { h, downloads, stderr, calls } = host();
    const { exportWeights } = makeWeightsBuiltins(h);
    exportWeights(new FakeModule("net"), "cnn", { format: "pytorch" });
    expect(downloads).toEqual(["cnn.py", "cnn.safetensors"]);
    expect(stderr).toEqual(["a note\n"]);
    expect(calls[0]).toEqual(["export", "net", "cnn", { format: "pytorch" }]);
    expect(() => exportWeights({}, "x")).toThrow("exportWeights(model) needs an nn.Module");
    expect(() => exportWeights(new FakeModule("n"), "")).toThrow(/name must be a non-empty string/);
  });

  it("loadWeights and uploadedFile read uploads (newest by default) and say how to upload", () => {
    const { h, calls } = host();
    const { loadWeights, uploadedFile } = makeWeightsBuiltins(h);
    expect(() => loadWeights(new FakeModule("m"))).toThrow("No uploaded file: upload one with the ⤒ Import weights button first.");
    h.uploads!.set("a.safetensors", new Uint8Array(3));
    h.uploads!.set("b.safetensors", new Uint8Array(5));
    expect(loadWeights(new FakeModule("m"), undefined, { optimizer: "o" })).toBe("loaded b.safetensors");
    expect(calls.at(-1)).toEqual(["import", "m", 5, { optimizer: "o", filename: "b.safetensors" }]);
    expect(uploadedFile("a.safetensors")).toHaveLength(3);
    expect(() => uploadedFile("c.safetensors")).toThrow('No uploaded file "c.safetensors" (uploaded: "a.safetensors", "b.safetensors")');
  });
});

describe("Export / Import controls", () => {
  it("export picks the model (and for a checkpoint the optimizer) and lists the files", () => {
    const { h, downloads, calls } = host();
    expect(exportFromControl(h, "pytorch")).toBe("model.py + model.safetensors\na note");
    expect(downloads).toEqual(["model.py", "model.safetensors"]);
    exportFromControl(h, "checkpoint");
    expect(calls.at(-1)).toEqual(["export", "m", "model", { format: "checkpoint", optimizer: "opt" }]);
    expect(() => exportFromControl(host({ findModel: () => undefined }).h)).toThrow(/^No model to export/);
  });

  it("import keeps the upload for loadWeights and loads it into the model in scope", () => {
    const { h, calls } = host();
    expect(importFromControl(h, "w.safetensors", new Uint8Array(4))).toBe("loaded w.safetensors");
    expect(calls.at(-1)).toEqual(["import", "m", 4, { optimizer: "opt", filename: "w.safetensors" }]);
    const empty = host({ findModel: () => undefined });
    expect(() => importFromControl(empty.h, "w.safetensors", new Uint8Array(4))).toThrow(
      'Uploaded w.safetensors, but there is no model to load it into: define one, e.g. const model = new nn.Linear(784, 10), then loadWeights(model, "w.safetensors").',
    );
    expect([...empty.h.uploads!.keys()]).toEqual(["w.safetensors"]);
  });
});
