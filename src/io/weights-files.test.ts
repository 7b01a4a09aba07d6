// exportFiles / importFile: the file set of each format, and importing a plain file or a checkpoint by its content.
import { describe, expect, it } from "vitest";
import { manualSeed } from "../core";
import * as nn from "../nn";
import * as optim from "../optim";
import { exportFiles, importFile } from "./weights-files";

const values = (m: nn.Module) => Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, Array.from(t.tfData.dataSync())]));

describe("exportFiles", () => {
  it("names the files of each format after the given name", () => {
    manualSeed(0);
    const m = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    const names = (format: "safetensors" | "tfjs" | "pytorch" | "checkpoint", name = "net") =>
      exportFiles(m, name, { format }).files.map((f) => f.filename);
    expect(names("safetensors")).toEqual(["net.safetensors"]);
    expect(names("safetensors", "net.safetensors")).toEqual(["net.safetensors"]);
    expect(names("tfjs")).toEqual(["net.json", "net.weights.bin"]);
    expect(names("pytorch")).toEqual(["net.py", "net.safetensors"]);
    expect(names("checkpoint")).toEqual(["net.checkpoint.safetensors"]);
    const tfjs = exportFiles(m, "net", { format: "tfjs" }).files[0];
    expect(JSON.parse(new TextDecoder().decode(tfjs.bytes)).weightsManifest[0].paths).toEqual(["net.weights.bin"]);
    expect(() => exportFiles(m, "net", { format: "onnx" as "tfjs" })).toThrow(/format must be one of "safetensors", "tfjs", "pytorch", "checkpoint"/);
    expect(() => exportFiles(m, "")).toThrow(/non-empty string/);
  });

  it("notes an untranslatable forward for the pytorch format", () => {
    class Odd extends nn.Module {
      fc = new nn.Linear(2, 2);
      override forward(x: never) {
        if (Math.random() > 2) return x;
        return this.fc(x);
      }
    }
    const { notes } = exportFiles(new Odd(), "odd", { format: "pytorch" });
    expect(notes[0]).toMatch(/^odd\.py: the forward of Odd could not be translated \(if statements are not translated/);
  });
});

describe("importFile", () => {
  it("loads plain weights, and restores a checkpoint with the optimizer that trains this model", () => {
    manualSeed(1);
    const a = new nn.Linear(3, 2);
    const optA = new optim.Adam(a.parameters(), { lr: 0.02 });
    const b = new nn.Linear(3, 2);
    expect(importFile(b, exportFiles(a).files[0].bytes, { filename: "a.safetensors" })).toBe("Loaded 2 tensors from a.safetensors into Linear.");
    expect(values(b)).toEqual(values(a));

    const ckpt = exportFiles(a, "a", { format: "checkpoint", optimizer: optA, epoch: 4 }).files[0].bytes;
    const c = new nn.Linear(3, 2);
    const optC = new optim.Adam(c.parameters(), { lr: 1 });
    expect(importFile(c, ckpt, { optimizer: optC })).toBe("Restored checkpoint (epoch 4) into Linear: weights and Adam state, RNG state.");
    expect(optC.paramGroups[0].lr).toBe(0.02);
    const stranger = new optim.Adam(new nn.Linear(3, 2).parameters(), { lr: 1 });
    expect(importFile(c, ckpt, { optimizer: stranger })).toMatch(/optimizer state not restored/);
    expect(stranger.paramGroups[0].lr).toBe(1);
  });
});
