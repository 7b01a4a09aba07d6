// Module API: parameters/children/modules, train/eval, stateDict order and loadStateDict messages as PyTorch prints them.
import { describe, expect, it } from "vitest";
import { memoryInfo, randn, scope, zeros, type Tensor } from "../core";
import { Flatten, ReLU } from "./activation";
import { BatchNorm2d } from "./batchnorm";
import { ModuleList, Sequential } from "./container";
import { Conv2d } from "./conv";
import { Dropout } from "./dropout";
import { Linear } from "./linear";
import { Module } from "./module";
import { disposeModule } from "./nn-cases";
import { MaxPool2d } from "./pooling";

class Net extends Module {
  conv1 = new Conv2d(1, 2, 3);
  bn1 = new BatchNorm2d(2);
  pool = new MaxPool2d(2);
  head = new Sequential(new Flatten(), new Dropout(0.5), new Linear(2 * 3 * 3, 4), new ReLU());
  extra = new ModuleList([new Linear(4, 2)]);

  override forward(x: Tensor): Tensor {
    return this.head(this.pool(this.bn1(this.conv1(x))));
  }
}

/** Builds a model, runs the test, frees the model's persistent tensors; also checks nothing else leaked. */
function withNet(body: (net: Net) => void): void {
  const before = memoryInfo().numTensors;
  scope(() => {
    const net = new Net();
    try {
      body(net);
    } finally {
      disposeModule(net);
    }
  });
  expect(memoryInfo().numTensors).toBe(before);
}

describe("Module", () => {
  it("lists parameters, children and modules with PyTorch's names", () =>
    withNet((net) => {
      expect(net.namedParameters().map(([k]) => k)).toEqual([
        "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "head.2.weight", "head.2.bias", "extra.0.weight", "extra.0.bias",
      ]);
      expect(net.parameters()).toHaveLength(8);
      expect(net.namedChildren().map(([k]) => k)).toEqual(["conv1", "bn1", "pool", "head", "extra"]);
      expect(net.children()).toHaveLength(5);
      expect(net.namedModules().map(([k]) => k)).toEqual(["", "conv1", "bn1", "pool", "head", "head.0", "head.1", "head.2", "head.3", "extra", "extra.0"]);
      expect(net.modules()[0]).toBe(net);
    }));

  it("orders stateDict module by module, parameters then buffers, like PyTorch", () =>
    withNet((net) => {
      expect(Object.keys(net.stateDict())).toEqual([
        "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
        "head.2.weight", "head.2.bias", "extra.0.weight", "extra.0.bias",
      ]);
      expect(net.stateDict()["bn1.num_batches_tracked"].dtype).toBe("int32");
      expect(net.buffers()).toHaveLength(3);
    }));

  it("train()/eval() set training on every submodule", () =>
    withNet((net) => {
      expect(net.training).toBe(true);
      net.eval();
      expect(net.modules().every((m) => !m.training)).toBe(true);
      net.train();
      expect(net.modules().every((m) => m.training)).toBe(true);
    }));

  it("is callable: model(x) runs forward", () =>
    withNet((net) => {
      expect(net(zeros(2, 1, 8, 8)).shape).toEqual([2, 4]);
    }));

  it("prints a nested model like PyTorch's repr", () =>
    withNet((net) => {
      expect(net.toString()).toBe(
        [
          "Net(",
          "  (conv1): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))",
          "  (bn1): BatchNorm2d(2, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
          "  (pool): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
          "  (head): Sequential(",
          "    (0): Flatten(start_dim=1, end_dim=-1)",
          "    (1): Dropout(p=0.5, inplace=False)",
          "    (2): Linear(in_features=18, out_features=4, bias=True)",
          "    (3): ReLU()",
          "  )",
          "  (extra): ModuleList(",
          "    (0): Linear(in_features=4, out_features=2, bias=True)",
          "  )",
          ")",
        ].join("\n"),
      );
    }));

  it("round-trips a stateDict, buffers included", () =>
    withNet((a) => {
      const b = new Net();
      try {
        a(randn(2, 1, 8, 8)); // updates bn1's running stats and num_batches_tracked
        const res = b.loadStateDict(a.stateDict());
        expect(res).toEqual({ missingKeys: [], unexpectedKeys: [] });
        for (const [k, v] of Object.entries(a.stateDict())) expect(b.stateDict()[k].tolist()).toEqual(v.tolist());
        expect(b.stateDict()["bn1.num_batches_tracked"].item()).toBe(1);
      } finally {
        disposeModule(b);
      }
    }));

  it("loadStateDict reports missing, unexpected and mis-shaped keys in PyTorch's words", () => {
    scope(() => {
      const lin = new Linear(2, 3);
      try {
        expect(() => lin.loadStateDict({ weight: zeros(3, 3), extra: zeros(1) })).toThrow(
          'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". \n\tUnexpected key(s) in state_dict: "extra". \n\t' +
            "size mismatch for weight: copying a param with shape torch.Size([3, 3]) from checkpoint, the shape in current model is torch.Size([3, 2]).",
        );
        // strict: false tolerates missing/unexpected keys, never a size mismatch; nothing changes when a check fails.
        const w0 = lin.weight.tolist();
        expect(() => lin.loadStateDict({ weight: zeros(3, 3) }, false)).toThrow("size mismatch for weight");
        expect(lin.weight.tolist()).toEqual(w0);
        expect(lin.loadStateDict({ weight: zeros(3, 2), extra: zeros(1) }, false)).toEqual({ missingKeys: ["bias"], unexpectedKeys: ["extra"] });
        expect(lin.weight.tolist()).toEqual([[0, 0], [0, 0], [0, 0]]);
      } finally {
        disposeModule(lin);
      }
    });
  });

  it("requiresGrad_(false) freezes every parameter; zeroGrad clears grads", () =>
    withNet((net) => {
      net(zeros(2, 1, 8, 8).add(1)).sum().backward();
      expect(net.conv1.weight.grad).not.toBeNull();
      net.zeroGrad();
      expect(net.parameters().every((p) => p.grad === null)).toBe(true);
      net.requiresGrad_(false);
      expect(net.parameters().some((p) => p.requiresGrad)).toBe(false);
    }));
});
