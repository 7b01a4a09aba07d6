// nn.Module: finds parameters, buffers and children by walking its own fields; callable like model(x). Mirrors torch.nn.Module.
import { Tensor } from "../core";
import { Parameter } from "./parameter";
import { loadStateDictInto, stateDictOf, type LoadResult } from "./state-dict";

const BUFFERS = Symbol("buffers");
const TRAINING = Symbol("training");
const FORWARD_HOOKS = Symbol("forwardHooks");
const PRE_HOOKS = Symbol("forwardPreHooks");

interface Internals {
  [BUFFERS]: Set<string>;
  [TRAINING]: boolean;
  [FORWARD_HOOKS]: Set<ForwardHook>;
  [PRE_HOOKS]: Set<ForwardPreHook>;
}

/** Called before a module's forward: `hook(module, inputs)`. */
export type ForwardPreHook = (module: Module, inputs: unknown[]) => void;

/** Called after a module's forward: `hook(module, inputs, output)`; a return value other than undefined replaces the output. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ForwardHook = (module: Module, inputs: unknown[], output: any) => unknown;

/** What registerForwardHook returns: `handle.remove()` unregisters the hook (PyTorch's RemovableHandle). */
export interface RemovableHandle {
  remove(): void;
}

// The interface adds a call signature to the class: the constructor returns a callable instance (see below).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Module {
  /** Calling a module runs its forward: `model(x)` is `model.forward(x)`. */
  (...args: Parameters<this["forward"]>): ReturnType<this["forward"]>;
}

/**
 * Base class for all neural network modules. Subclass it, assign layers to fields, and write `forward`:
 * ```ts
 * class Net extends nn.Module {
 *   fc = new nn.Linear(784, 10);
 *   forward(x: Tensor) { return this.fc(x.view(-1, 784)); }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Module {
  constructor() {
    // A module instance is a function object so that model(x) works; its prototype is the subclass's.
    const self = ((...args: unknown[]) => callWithHooks(self, args)) as unknown as Module;
    delete (self as unknown as { name?: string }).name;
    delete (self as unknown as { length?: number }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    Object.defineProperty(self, BUFFERS, { value: new Set<string>(), enumerable: false });
    Object.defineProperty(self, TRAINING, { value: true, enumerable: false, writable: true });
    Object.defineProperty(self, FORWARD_HOOKS, { value: new Set<ForwardHook>(), enumerable: false });
    Object.defineProperty(self, PRE_HOOKS, { value: new Set<ForwardPreHook>(), enumerable: false });
    return self;
  }

  /**
   * Runs `hook(module, inputs, output)` after every call of this module (`model(x)`, not `model.forward(x)`), like
   * PyTorch's register_forward_hook; summary() and showFeatureMaps() use it. Returns a handle: `handle.remove()`.
   */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    const hooks = (this as unknown as Internals)[FORWARD_HOOKS];
    // A fresh wrapper per registration, so the same function registered twice runs twice and removes once.
    const entry: ForwardHook = (m, inputs, output) => hook(m, inputs, output);
    hooks.add(entry);
    return { remove: () => void hooks.delete(entry) };
  }

  /** Runs `hook(module, inputs)` before every call of this module, like PyTorch's register_forward_pre_hook. */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    const hooks = (this as unknown as Internals)[PRE_HOOKS];
    const entry: ForwardPreHook = (m, inputs) => hook(m, inputs);
    hooks.add(entry);
    return { remove: () => void hooks.delete(entry) };
  }

  /**
   * The computation. Subclasses must override it. Typed `any` here so that every subclass (whose forward takes
   * tensors) is still assignable to `Module`, e.g. `function fit(model: nn.Module)` or `new nn.Sequential(new nn.Linear(…))`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forward(..._args: any[]): any {
    throw new Error(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /** True in training mode (dropout active, batch-norm updating running stats). */
  get training(): boolean {
    return (this as unknown as Internals)[TRAINING];
  }

  set training(mode: boolean) {
    (this as unknown as Internals)[TRAINING] = mode;
  }

  /** Parameters and buffers by PyTorch name ("fc1.weight" → [out, in]); the live tensors, not copies. */
  stateDict(): Record<string, Tensor> {
    return stateDictOf(this);
  }

  /** Copies tensors in by name; with strict (default) every key must match. Nothing changes if a check fails. */
  loadStateDict(sd: Record<string, Tensor>, strict = true): LoadResult {
    return loadStateDictInto(this, sd, strict, this.constructor.name);
  }

  /** Registers a non-learnable tensor that belongs in stateDict (e.g. BatchNorm's running_mean). */
  registerBuffer(name: string, t: Tensor | null): void {
    (this as unknown as Internals)[BUFFERS].add(name);
    (this as unknown as Record<string, unknown>)[name] = t === null ? null : t.keep();
  }

  /** Direct child modules with their field names. */
  namedChildren(): Array<[string, Module]> {
    const out: Array<[string, Module]> = [];
    for (const [k, v] of Object.entries(this)) {
      if (v instanceof Module) out.push([k, v]);
      else if (Array.isArray(v)) v.forEach((m, i) => m instanceof Module && out.push([`${k}.${i}`, m]));
    }
    return out;
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names ("" for this one). */
  namedModules(prefix = ""): Array<[string, Module]> {
    const out: Array<[string, Module]> = [[prefix, this]];
    for (const [k, m] of this.namedChildren()) out.push(...m.namedModules(prefix ? `${prefix}.${k}` : k));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Parameters with PyTorch's dotted names ("fc1.weight"), found by walking the fields every time. */
  namedParameters(prefix = "", recurse = true): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    const seen = new Set<Parameter>();
    const mods = recurse ? this.namedModules(prefix) : [[prefix, this] as [string, Module]];
    for (const [name, m] of mods) {
      for (const [k, v] of Object.entries(m)) {
        if (v instanceof Parameter && !seen.has(v)) {
          seen.add(v);
          out.push([name ? `${name}.${k}` : k, v]);
        }
      }
    }
    return out;
  }

  /** All learnable parameters (what you pass to an optimizer). */
  parameters(recurse = true): Parameter[] {
    return this.namedParameters("", recurse).map(([, p]) => p);
  }

  /** Registered buffers (e.g. BatchNorm's running_mean) with dotted names; with recurse false, this module's own only. */
  namedBuffers(prefix = "", recurse = true): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    const mods = recurse ? this.namedModules(prefix) : [[prefix, this] as [string, Module]];
    for (const [name, m] of mods) {
      for (const k of (m as unknown as Internals)[BUFFERS]) {
        const v = (m as unknown as Record<string, unknown>)[k];
        if (v instanceof Tensor) out.push([name ? `${name}.${k}` : k, v]);
      }
    }
    return out;
  }

  /** All registered buffers. */
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers("", recurse).map(([, b]) => b);
  }

  /** Turns gradient recording for every parameter on or off (freezing layers). Returns this. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /** Sets training mode on this module and all descendants. Returns this. */
  train(mode = true): this {
    for (const m of this.modules()) (m as unknown as Internals)[TRAINING] = mode;
    return this;
  }

  /** Evaluation mode (same as train(false)). */
  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's .grad (setToNone: true by default, as in PyTorch 2). */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      if (!p.grad) continue;
      if (opts.setToNone ?? true) {
        p.grad.dispose();
        p.grad = null;
      } else p.grad.zero_();
    }
  }

  /** No-op kept so PyTorch code like `model.to(device)` ports unchanged (the backend is chosen globally). */
  to(_device?: unknown): this {
    return this;
  }

  /** Applies fn to every submodule (children first) and this module. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /** Extra text shown inside this module's parentheses when printed (e.g. in_features=784). */
  extraRepr(): string {
    return "";
  }

  /** The module tree, like PyTorch's repr: `Net(\n  (fc1): Linear(in_features=784, out_features=10, bias=True)\n)`. */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra ? extra.split("\n") : [];
    const childLines = this.namedChildren().map(([k, m]) => `(${k}): ${m.toString().split("\n").join("\n  ")}`);
    const lines = [...extraLines, ...childLines];
    let body = "";
    if (extraLines.length === 1 && childLines.length === 0) body = extraLines[0];
    else if (lines.length) body = `\n  ${lines.join("\n  ")}\n`;
    return `${this.constructor.name}(${body})`;
  }
}

/** `model(x)`: forward, then the forward hooks in the order they were registered. */
/** @internal true when forward hooks or pre-hooks watch `m` (a fused inference path then runs it as written). */
export function hasHooks(m: Module): boolean {
  const i = m as unknown as Internals;
  return i[FORWARD_HOOKS].size > 0 || i[PRE_HOOKS].size > 0;
}

function callWithHooks(self: Module, args: unknown[]): unknown {
  const pre = (self as unknown as Internals)[PRE_HOOKS];
  if (pre.size > 0) for (const hook of [...pre]) hook(self, args);
  let out = (self as unknown as { forward(...a: unknown[]): unknown }).forward(...args);
  const hooks = (self as unknown as Internals)[FORWARD_HOOKS];
  if (hooks.size === 0) return out;
  for (const hook of [...hooks]) {
    const replaced = hook(self, args, out);
    if (replaced !== undefined) out = replaced;
  }
  return out;
}
