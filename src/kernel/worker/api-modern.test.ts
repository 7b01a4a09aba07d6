// The modern nn set (issue 13 item 5) is in a cell's scope (torch.*, nn.*, F.*, optim.*) and in Monaco's declarations.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateApiDts } from "../../../vite/api-dts-plugin";
import { api } from "./api";

const NAMES: Record<string, string[]> = {
  torch: ["einsum", "amax", "amin", "erf"],
  "torch.autograd": ["grad"],
  nn: ["LayerNorm", "GroupNorm", "Embedding", "Conv1d", "ConvTranspose2d", "AdaptiveAvgPool2d", "Upsample", "GELU", "ELU", "SELU",
    "SiLU", "Softplus", "LeakyReLU", "HuberLoss", "KLDivLoss", "CosineEmbeddingLoss"],
  "nn.utils": ["clip_grad_norm_", "clip_grad_value_", "clipGradNorm_", "clipGradValue_"],
  F: ["gelu", "elu", "selu", "silu", "softplus", "layerNorm", "groupNorm", "embedding", "conv1d", "convTranspose2d", "interpolate",
    "adaptiveAvgPool2d", "huberLoss", "klDiv", "cosineEmbeddingLoss"],
  optim: ["NAdam", "RAdam"],
  "optim.lrScheduler": ["MultiStepLR", "LambdaLR", "OneCycleLR", "ReduceLROnPlateau"],
};

const at = (dotted: string): Record<string, unknown> =>
  dotted.split(".").reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, api);

describe("the modern nn set in a cell's scope", () => {
  it.each(Object.entries(NAMES))("%s has its new names", (ns, names) => {
    const scope = at(ns);
    expect(names.filter((n) => typeof scope[n] !== "function")).toEqual([]);
  });

  it("Monaco's declarations (generated from src/kernel/worker/api.ts) declare them", () => {
    const { files, diagnostics } = generateApiDts(path.resolve(__dirname, "../../.."));
    expect(diagnostics).toEqual([]);
    const all = Object.values(files).join("\n");
    const missing = Object.values(NAMES).flat().filter((n) => !new RegExp(`\\b(class|function|const) ${n.replace(/\$/g, "\\$")}\\b|\\b${n}: `).test(all));
    expect(missing).toEqual([]);
  }, 120_000);
});
