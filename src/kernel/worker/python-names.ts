// PyTorch's snake_case names read in a cell fail at once, naming Gradbook's spelling (never a silent undefined).
import { Tensor } from "../../core";
import { DataLoader, Dataset } from "../../data";
import { FrozenLakeEnv } from "../../envs/frozen-lake";
import { Discrete } from "../../envs/spaces";
import * as nn from "../../nn";
import * as optim from "../../optim";

/**
 * The rule (docs/pytorch-to-gradbook.md, "PyTorch's names"): Gradbook has one spelling, camelCase. A snake_case
 * name of the public API is an error that names the camelCase one; it is never an alias, so notebooks read one
 * way and a search finds every use. Names that differ by more than case are listed here with their replacement.
 */
const RENAMED: Readonly<Record<string, string>> = {
  from_numpy: "torch.tensor(array) (or torch.fromTypedArray(typedArray, shape))",
  numpy: "tolist() (nested arrays) or item() (one number)",
  cuda: "nothing: Gradbook runs on the backend picked at start (x.to(device) is accepted and ignored)",
  float64: "torch.float32 (Gradbook computes in float32)",
  double: "torch.float32 (Gradbook computes in float32)",
  float16: "torch.float32 (Gradbook computes in float32)",
  half: "torch.float32 (Gradbook computes in float32)",
  bfloat16: "torch.float32 (Gradbook computes in float32)",
  int16: "torch.int32",
  int8: "torch.int32",
  uint8: "torch.int32",
  lr_scheduler: "optim.lrScheduler",
  grad_fn: "gradFn",
  is_leaf: "isLeaf",
  action_space: "actionSpace",
  observation_space: "observationSpace",
  param_groups: "paramGroups",
};

/** Instance fields (not on prototypes, so not found by the scan) that learners read under their PyTorch names. */
const FIELDS: ReadonlyArray<[object, string[]]> = [
  [Tensor.prototype, ["requiresGrad", "gradFn", "retainsGrad"]],
  [optim.Optimizer.prototype, ["paramGroups", "defaults"]],
  [DataLoader.prototype, ["batchSize", "dropLast"]],
  [FrozenLakeEnv.prototype, ["actionSpace", "observationSpace", "lastAction"]],
];

export const snakeCase = (camel: string): string => camel.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

/** The error for reading or writing `name`; `what` is the Gradbook spelling. */
export function pythonNameError(name: string, what: string): TypeError {
  const e = new TypeError(`'${name}' is PyTorch's name; in Gradbook it is ${what}`);
  e.name = "AttributeError";
  return e;
}

/**
 * Reading the name fails. Writing it fails on a Tensor (`x.requires_grad = true` would do nothing); elsewhere it makes
 * an own property, because modules keep buffers under PyTorch's state-dict names (`running_mean`, `pos_weight`) and a
 * learner's own fields may be snake_case.
 */
function guard(target: object, name: string, what: string): void {
  if (name in target) return;
  const strict = target === Tensor.prototype;
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: false,
    get() {
      throw pythonNameError(name, what);
    },
    set(this: object, value: unknown) {
      if (strict) throw pythonNameError(name, what);
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** Every camelCase member along a prototype chain (methods with `()`), by snake_case name. */
function members(proto: object, fields: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string, isMethod: boolean) => {
    const s = snakeCase(name);
    if (s !== name && !out.has(s)) out.set(s, isMethod ? `${name}()` : name);
  };
  for (const f of fields) add(f, false);
  for (let p: object | null = proto; p && p !== Object.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (/^\d/.test(name) || name === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(p, name);
      add(name, typeof d?.value === "function");
    }
  }
  return out;
}

function guardPrototype(proto: object, fields: readonly string[] = []): void {
  for (const [s, what] of members(proto, fields)) guard(proto, s, what);
  const extra = proto === Tensor.prototype ? ["numpy", "cuda"] : proto === nn.Module.prototype ? ["cuda"] : [];
  for (const s of extra) guard(proto, s, RENAMED[s]);
}

let installed = false;

/** Puts the guards on the prototypes of Tensor, the nn layers, optimizers, schedulers, DataLoader and the gym envs. */
export function installPythonNames(): void {
  if (installed) return;
  installed = true;
  const fields = new Map(FIELDS);
  const classes = new Set<object>([Tensor.prototype, Dataset.prototype, DataLoader.prototype, FrozenLakeEnv.prototype, Discrete.prototype]);
  const scan = (ns: object) => {
    for (const v of Object.values(ns)) if (typeof v === "function" && v.prototype && /^[A-Z]/.test(v.name)) classes.add(v.prototype as object);
  };
  scan(nn);
  scan(optim);
  if ((optim as { lrScheduler?: object }).lrScheduler) scan((optim as { lrScheduler: object }).lrScheduler);
  for (const proto of classes) guardPrototype(proto, fields.get(proto) ?? []);
}

const wrapped = new WeakMap<object, object>();

function isNamespace(v: unknown): v is object {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A namespace (torch, nn, F, optim, gym…) that answers a PyTorch snake_case name with the error naming its
 * camelCase twin; nested namespaces (torch.nn, torch.cuda, optim.lrScheduler) likewise. Types are unchanged.
 */
export function pythonNamed<T extends object>(ns: T): T {
  const hit = wrapped.get(ns);
  if (hit) return hit as T;
  const names = new Map<string, string>();
  for (const key of Object.keys(ns)) {
    const v = (ns as Record<string, unknown>)[key];
    const s = snakeCase(key);
    if (s !== key) names.set(s, typeof v === "function" && !/^[A-Z]/.test(key) ? `${key}()` : key);
  }
  for (const [s, what] of Object.entries(RENAMED)) if (!(s in ns)) names.set(s, what);
  const proxy = new Proxy(ns, {
    get(target, key, receiver) {
      if (typeof key === "string" && !(key in target) && names.has(key)) throw pythonNameError(key, names.get(key)!);
      const v = Reflect.get(target, key, receiver) as unknown;
      return isNamespace(v) || isModuleNamespace(v) ? pythonNamed(v as object) : v;
    },
  });
  wrapped.set(ns, proxy);
  return proxy;
}

function isModuleNamespace(v: unknown): boolean {
  return typeof v === "object" && v !== null && (v as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === "Module";
}
