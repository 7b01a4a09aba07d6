// nn.Parameter: a leaf tensor that a Module owns and an optimizer updates (mirrors torch.nn.Parameter).
import { tf, Tensor } from "../core";

/** A tensor that is a module's learnable weight. Lives as long as its module; requiresGrad by default. */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    super(tf.clone(data.tfData), { requiresGrad, persistent: true });
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
