// nn.Sequential and nn.ModuleList: children named "0", "1", … as in PyTorch.
import { isGradEnabled, type Tensor } from "../core";
import { Module } from "./module";
import { sequentialInference } from "./sequential-infer";

/** Runs its modules in order: `new nn.Sequential(new nn.Linear(2, 4), new nn.Sigmoid())`. */
export class Sequential extends Module {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TypeError(`Sequential: argument ${i} is not an nn.Module (got ${typeof m})`);
      (this as unknown as Record<string, Module>)[String(i)] = m;
    });
  }

  override forward(x: Tensor): Tensor {
    // Inference (noGrad) fuses conv / ReLU / pool runs and Linear + ReLU: the same values, fewer kernels and copies.
    if (!isGradEnabled()) return sequentialInference(this.children(), x);
    let y = x;
    for (const m of this.children()) y = (m as unknown as (t: Tensor) => Tensor)(y);
    return y;
  }

  /** The i-th module. */
  at(i: number): Module {
    const kids = this.children();
    const m = kids[i < 0 ? kids.length + i : i];
    if (!m) throw new RangeError(`index ${i} is out of range for Sequential of length ${kids.length}`);
    return m;
  }

  override get length(): number {
    return this.children().length;
  }
}

/** A list of modules whose parameters are registered (forward is yours to write). */
export class ModuleList extends Module {
  constructor(modules: Module[] = []) {
    super();
    modules.forEach((m) => this.append(m));
  }

  /** Adds a module at the end (registered as child "<index>"). */
  append(m: Module): this {
    if (!(m instanceof Module)) throw new TypeError(`ModuleList.append: expected an nn.Module, got ${typeof m}`);
    (this as unknown as Record<string, Module>)[String(this.children().length)] = m;
    return this;
  }

  /** The i-th module (negative i counts from the end), like `modules[i]` in PyTorch. */
  at(i: number): Module {
    const kids = this.children();
    const m = kids[i < 0 ? kids.length + i : i];
    if (!m) throw new RangeError(`index ${i} is out of range for ModuleList of length ${kids.length}`);
    return m;
  }

  /** Appends every module of `modules`. */
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  override get length(): number {
    return this.children().length;
  }

  *[Symbol.iterator](): Iterator<Module> {
    yield* this.children();
  }
}
