// model.py for the modern nn set: each layer is written as PyTorch's constructor call (its repr, with strings quoted and
// the losses' options spelled out), checked against the reprs PyTorch printed (nn/__fixtures__/modern-reference.json).
import { describe, expect, it } from "vitest";
import * as nn from "../nn";
import fixture from "../nn/__fixtures__/modern-reference.json";
import { disposeModule } from "../nn/nn-cases";
import { generateModelPy } from "./model-py";

const leafLine = (m: nn.Module): string => {
  const py = generateModelPy(new nn.Sequential(m)).source;
  const inner = py.split("return nn.Sequential(\n")[1];
  return inner.split("\n")[0].trim().replace(/,$/, "");
};

/** Where PyTorch's repr is not a valid constructor call, the call model.py must write instead. */
const notRepr: Record<string, string> = {
  Upsample_nearest_2: "nn.Upsample(scale_factor=2.0, mode='nearest')",
  Upsample_nearest_size: "nn.Upsample(size=(5, 7), mode='nearest')",
  Upsample_bilinear_2: "nn.Upsample(scale_factor=2.0, mode='bilinear')",
  Upsample_bilinear_align: "nn.Upsample(size=(5, 3), mode='bilinear', align_corners=True)",
  Upsample_bilinear_1_5: "nn.Upsample(scale_factor=1.5, mode='bilinear')",
  HuberLoss_sum: "nn.HuberLoss(reduction='sum')",
  HuberLoss_none: "nn.HuberLoss(reduction='none')",
  HuberLoss_delta: "nn.HuberLoss(delta=0.5)",
  CosineEmbeddingLoss_mean: "nn.CosineEmbeddingLoss(margin=0.2)",
  CosineEmbeddingLoss_sum: "nn.CosineEmbeddingLoss(margin=0.2, reduction='sum')",
  CosineEmbeddingLoss_none: "nn.CosineEmbeddingLoss(margin=0.2, reduction='none')",
  KLDivLoss_batchmean: "nn.KLDivLoss(reduction='batchmean')",
  KLDivLoss_sum: "nn.KLDivLoss(reduction='sum')",
  KLDivLoss_none: "nn.KLDivLoss(reduction='none')",
  KLDivLoss_log_target: "nn.KLDivLoss(reduction='batchmean', log_target=True)",
};

describe("model.py writes the modern layers as PyTorch constructor calls", async () => {
  const { modernModules } = await import("../nn/modern-cases");
  const cases = (fixture.cases as Array<{ kind: string; name: string; repr?: string }>).filter((c) => c.kind === "module");
  it.each(cases.map((c) => [c.name, c.repr!] as const))("%s", (name, repr) => {
    const m = modernModules[name]();
    try {
      expect(leafLine(m)).toBe(notRepr[name] ?? `nn.${repr}`);
    } finally {
      disposeModule(m);
    }
  });
});
