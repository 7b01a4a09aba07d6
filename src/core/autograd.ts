// The autograd tape: makeOp records each op's backward beside its forward; backward() walks an iterative topo order.
import { tf } from "./backend";
import { isGradEnabled } from "./grad-mode";
import { emitBackward } from "./hooks";
import { checkInterrupt } from "../lib/interrupt";
import { adopt } from "./memory";
import { Tensor, type GradFn } from "./tensor";

type Backward = (dy: tf.Tensor, y: tf.Tensor) => (tf.Tensor | null)[];

/**
 * Runs `forward` (inside tf.tidy, so temporaries are freed) and, when grad mode is on and an input needs a
 * gradient, records `backward` for the autograd graph. Gradients returned by `backward` may have the
 * broadcast shape; they are summed back to each input's shape here.
 */
export interface OpOptions {
  /**
   * False when backward needs only the inputs' shapes (add, view, cat…), so changing an input in place later is
   * fine, as in PyTorch. By default backward is assumed to read the inputs' values.
   */
  readsInputs?: boolean;
}

export function makeOp(name: string, inputs: readonly Tensor[], forward: () => tf.Tensor, backward?: Backward, opts: OpOptions = {}): Tensor {
  const outData = tf.tidy(forward);
  const needsGrad = backward !== undefined && isGradEnabled() && inputs.some((t) => t.requiresGrad);
  const out = new Tensor(outData, { requiresGrad: needsGrad });
  if (needsGrad) {
    // A backward declared with a second parameter reads the output, so in-place changes to it must be caught.
    const readsOutput = backward!.length >= 2;
    const fn: GradFn = {
      name,
      inputs,
      backward: (dy) => backward!(dy, out.tfData),
      ...(opts.readsInputs === false ? {} : { versions: inputs.map((t) => t.version) }),
      ...(readsOutput ? { output: out, outputVersion: out.version } : {}),
    };
    out.gradFn = fn;
  }
  return out;
}

/** PyTorch's error when a value an op saved for backward was changed in place since. */
function checkVersions(fn: GradFn): void {
  const stale = (t: Tensor, expected: number, role: string): Error =>
    new Error(
      `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
        `[torch.${t.dtype === "float32" ? "Float" : t.dtype === "int32" ? "Int" : "Bool"}Tensor [${t.shape.join(", ")}]], ${role}, ` +
        `is at version ${t.version}; expected version ${expected} instead. ` +
        "Use the out-of-place form (y = y.add(1) instead of y.add_(1)), or clone before changing it (y.clone().add_(1)).",
    );
  fn.inputs.forEach((t, i) => {
    const v = fn.versions?.[i];
    if (v !== undefined && t.version !== v) throw stale(t, v, `which is an input of ${fn.name}`);
  });
  if (fn.output && fn.outputVersion !== undefined && fn.output.version !== fn.outputVersion) {
    throw stale(fn.output, fn.outputVersion, `which is output 0 of ${fn.name}`);
  }
}

/** Sums a broadcast gradient back down to `shape` (the reverse of broadcasting). */
export function unbroadcast(g: tf.Tensor, shape: number[]): tf.Tensor {
  if (arraysEqual(g.shape, shape)) return g;
  let r = g;
  const lead = r.rank - shape.length;
  if (lead > 0) r = tf.sum(r, Array.from({ length: lead }, (_, i) => i));
  const axes: number[] = [];
  shape.forEach((s, i) => {
    if (s === 1 && r.shape[i] !== 1) axes.push(i);
  });
  if (axes.length) r = tf.sum(r, axes, true);
  return r.shape.length === shape.length && arraysEqual(r.shape, shape) ? r : tf.reshape(r, shape);
}

function arraysEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Tensors reachable from `root` through gradFn edges, in reverse topological order (root first). */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: Array<[Tensor, number]> = [[root, 0]];
  seen.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.gradFn?.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const child = inputs[i];
      if (child.requiresGrad && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order.reverse();
}

/** Accumulates `g` into a tensor's `.grad` (PyTorch adds into existing grads). Takes ownership of `g`. */
function accumulateGrad(t: Tensor, g: tf.Tensor): void {
  const gg = g.dtype === t.dtype ? g : tf.tidy(() => tf.cast(g, t.dtype));
  if (gg !== g) g.dispose();
  if (t.grad === null || !t.grad.isAlive) {
    t.grad = new Tensor(gg);
    adopt(t.grad, t);
  } else {
    const old = t.grad.tfData;
    t.grad.assignData(tf.add(old, gg));
    gg.dispose();
  }
}

export interface BackwardOptions {
  /** Keep the graph so backward can run through it again. */
  retainGraph?: boolean;
  /**
   * @internal torch.autograd.grad: hand back the gradients reaching these tensors (in `captured`, which the caller
   * owns) instead of accumulating into any leaf's .grad.
   */
  capture?: { inputs: ReadonlySet<Tensor>; captured: Map<Tensor, tf.Tensor> };
}

/** Runs one node's backward: dL/d(inputs) from dL/d(output), each summed back to its input's shape. */
function backwardStep(fn: GradFn, g: tf.Tensor): (tf.Tensor | null)[] {
  if (fn.backward === null) {
    throw new Error(
      `Trying to backward through the graph a second time (at ${fn.name}): its saved tensors were freed by the first backward(). ` +
        "Pass { retainGraph: true } to the first backward() if you really need to, or recompute the forward pass.",
    );
  }
  checkVersions(fn);
  const backward = fn.backward;
  return tf.tidy(() => {
    // A backward may return dy itself or one tensor twice (add); clone so each slot owns its tensor.
    const seen = new Set<tf.Tensor>([g]);
    return backward(g).map((ig, i) => {
      if (!ig) return null;
      let r = unbroadcast(ig, fn.inputs[i].shape);
      if (seen.has(r)) r = tf.clone(r);
      seen.add(r);
      return r;
    }) as unknown as tf.Tensor[];
  }) as unknown as (tf.Tensor | null)[];
}

/** Computes gradients of `root` w.r.t. every leaf that requires grad (Tensor.backward). */
export function runBackward(root: Tensor, gradient?: Tensor | null, opts: BackwardOptions = {}): void {
  // Every training loop calls backward(), so Interrupt works even in loops without a DataLoader.
  checkInterrupt();
  if (!root.requiresGrad) {
    throw new Error(
      "element 0 of tensors does not require grad and does not have a grad_fn. " +
        "Create the leaf with requiresGrad: true (e.g. torch.randn(3, 5, { requiresGrad: true })), or check that no .detach() or noGrad cut the graph.",
    );
  }
  if (gradient == null && root.numel() !== 1) {
    throw new Error(
      `grad can be implicitly created only for scalar outputs; this output has shape [${root.shape.join(", ")}]. ` +
        "Reduce it first (loss.sum() or loss.mean()), or pass the gradient: out.backward(torch.onesLike(out)).",
    );
  }
  if (gradient != null && gradient.shape.join(",") !== root.shape.join(",")) {
    throw new Error(
      `Mismatch in shape: grad_output[0] has a shape of [${gradient.shape.join(", ")}] and output[0] has a shape of [${root.shape.join(", ")}].`,
    );
  }
  const order = topoOrder(root);
  const grads = new Map<Tensor, tf.Tensor>();
  grads.set(root, gradient != null ? tf.clone(gradient.tfData) : tf.onesLike(root.tfData));
  try {
    for (const t of order) {
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      const fn = t.gradFn;
      if (opts.capture) {
        const wanted = opts.capture.inputs.has(t);
        if (wanted) opts.capture.captured.set(t, fn === null ? g : tf.clone(g));
        if (fn === null) {
          if (!wanted) g.dispose();
          continue;
        }
      } else if (fn === null || t.retainsGrad) {
        accumulateGrad(t, fn === null ? g : tf.clone(g));
        if (fn === null) continue;
      }
      let inGrads: (tf.Tensor | null)[];
      try {
        inGrads = backwardStep(fn, g);
      } finally {
        g.dispose();
      }
      if (!opts.retainGraph) fn.backward = null;
      inGrads.forEach((ig, i) => {
        const input = fn.inputs[i];
        if (!ig) return;
        if (!input.requiresGrad) {
          ig.dispose();
          return;
        }
        const prev = grads.get(input);
        if (prev) {
          grads.set(input, tf.add(prev, ig));
          prev.dispose();
          ig.dispose();
        } else grads.set(input, ig);
      });
    }
  } finally {
    // On success nothing is left; after an error this frees the gradients still in flight.
    for (const g of grads.values()) g.dispose();
  }
  if (root.numel() === 1 && !opts.capture) emitBackward(root);
}
