// torch.autograd.grad (first order): the gradients of outputs with respect to chosen inputs, returned rather than
// accumulated into .grad (no leaf's .grad changes).
import { tf } from "./backend";
import { runBackward } from "./autograd";
import { enableGrad } from "./grad-mode";
import { add, mul } from "./ops/arith";
import { sum } from "./ops/reduce";
import { Tensor } from "./tensor";

export interface GradOptions {
  /** Keep the graph so backward (or grad) can run through it again (default false). */
  retainGraph?: boolean;
  /** Higher-order gradients are not supported in Gradbook; only false (the default). */
  createGraph?: boolean;
  /** Return null for an input the outputs do not depend on, instead of throwing (default false). */
  allowUnused?: boolean;
}

const list = (v: Tensor | Tensor[] | null | undefined): Tensor[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/**
 * d(outputs)/d(inputs), like `torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None,
 * create_graph=False, allow_unused=False)`: `const [dx, dw] = torch.autograd.grad(loss, [x, w])`.
 * A non-scalar output needs its `gradOutputs` (same shape). Returns one gradient per input (null if unused).
 */
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  gradOutputs?: Tensor | Array<Tensor | null> | null,
  opts: GradOptions = {},
): Array<Tensor | null> {
  if (opts.createGraph) throw new Error("torch.autograd.grad: createGraph (higher-order gradients) is not supported in Gradbook; only first-order gradients");
  const outs = list(outputs);
  const ins = list(inputs);
  if (!outs.length || !ins.length) throw new RangeError("grad requires non-empty inputs and outputs, e.g. torch.autograd.grad(loss, [x, w])");
  for (const t of [...outs, ...ins]) if (!(t instanceof Tensor)) throw new TypeError("torch.autograd.grad: outputs and inputs must be Tensors");
  if (ins.some((t) => !t.requiresGrad)) throw new Error("One of the differentiated Tensors does not require grad");
  const gos = gradOutputs == null ? outs.map(() => null) : Array.isArray(gradOutputs) ? gradOutputs : [gradOutputs];
  if (gos.length !== outs.length) throw new RangeError(`grad_outputs has ${gos.length} tensors but outputs has ${outs.length}; give one per output`);
  for (const o of outs) {
    if (!o.requiresGrad) throw new Error("element 0 of tensors does not require grad and does not have a grad_fn");
  }
  // Several outputs: one scalar Σ sum(out_i · go_i), so a single walk sums their contributions.
  let root = outs[0];
  let rootGrad = gos[0] ?? null;
  if (outs.length > 1) {
    root = enableGrad(() =>
      outs.map((o, i) => (gos[i] ? sum(mul(o, gos[i]!)) : o.numel() === 1 ? sum(o) : badImplicit(o))).reduce((a, b) => add(a, b)),
    );
    rootGrad = null;
  }
  const captured = new Map<Tensor, tf.Tensor>();
  runBackward(root, rootGrad, { retainGraph: opts.retainGraph ?? false, capture: { inputs: new Set(ins), captured } });
  const result = ins.map((t, i) => {
    const g = captured.get(t);
    if (g) return new Tensor(g);
    if (!opts.allowUnused) {
      for (const c of captured.values()) c.dispose();
      throw new Error(`One of the differentiated Tensors (input ${i}) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.`);
    }
    return null;
  });
  return result;
}

function badImplicit(o: Tensor): never {
  throw new Error(`grad can be implicitly created only for scalar outputs; an output has shape [${o.shape.join(", ")}]: pass gradOutputs`);
}
