// `nn` and `optim` name types as well as values, as in ported PyTorch code: `fc1: nn.Linear`, `model: nn.Module`.
import { describe, expect, it } from "vitest";
import { nn, optim, torch, type Tensor } from "./api";

// `npm run typecheck` compiles this file: it fails if nn or optim stop being namespaces.
class TwoLayer extends nn.Module {
  fc1: nn.Linear;
  fc2: nn.Linear;
  constructor() {
    super();
    this.fc1 = new nn.Linear(2, 3);
    this.fc2 = new nn.Linear(3, 1);
  }
  override forward(x: Tensor): Tensor {
    return this.fc2(this.fc1(x).relu());
  }
}

function sgdFor(model: nn.Module): optim.Optimizer {
  return new optim.SGD(model.parameters(), { lr: 0.1 });
}

describe("api types", () => {
  it("nn.Linear, nn.Module and optim.Optimizer work as types in user code", () => {
    const model = new TwoLayer();
    const opt = sgdFor(model);
    expect(model(torch.zeros(4, 2)).shape).toEqual([4, 1]);
    expect(opt).toBeInstanceOf(optim.Optimizer);
    expect(model.parameters()).toHaveLength(4);
  });
});
