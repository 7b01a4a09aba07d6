// Calls, `new` and property reads: Gradbook's library (torch, nn, F, optim, datasets, transforms, gym), JavaScript's
// globals (Math, Object, Array, JSON, performance) and the notebook builtins → their Python spellings.
import { BUILTINS, NO_GRAD, RESUMABLE } from "./builtins";
import { CannotTranslate, type Node, type T } from "./context";
import { method } from "./methods";
import { pyAttr, pyVar } from "./names";

const NAMESPACES = new Set(["torch", "nn", "F", "optim", "transforms", "datasets", "gym", "Math", "Object", "Array", "JSON", "console", "performance", "Date", "Number", "Int32Array", "Float32Array", "Uint8Array", "Float64Array", "String"]);
const TYPED = new Set(["Int32Array", "Float32Array", "Uint8Array", "Float64Array", "Array"]);
const MATH: Record<string, string> = {
  floor: "math.floor", ceil: "math.ceil", exp: "math.exp", log: "math.log", log10: "math.log10", log2: "math.log2",
  sqrt: "math.sqrt", sin: "math.sin", cos: "math.cos", tan: "math.tan", tanh: "math.tanh", atan2: "math.atan2",
  abs: "abs", round: "round", trunc: "math.trunc", sign: "math.copysign", hypot: "math.hypot",
};
const FUNCTIONAL_TORCH = new Set(["sigmoid", "tanh"]);
/** torch factory functions: tensors they make go to the chosen --device. */
const ARITH: Record<string, string> = { add: "+", sub: "-", mul: "*", div: "/" };

/** `a.b.c` for a chain of plain names, else null. */
export function path(n: Node): string | null {
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") {
    const head = path(n.object);
    return head === null ? null : `${head}.${n.property.name}`;
  }
  return null;
}

/** Whether `name` is the learner's own variable (declared in a cell), so it shadows the library's. */
function isUser(t: T, name: string): boolean {
  for (let s: typeof t.ctx.scope | null = t.ctx.scope; s; s = s.parent) if (s.declared.has(pyVar(name))) return true;
  return t.ctx.userCallables.has(name);
}

/** A library path as Python: lowercase segments snake_case (`optim.lrScheduler` → `optim.lr_scheduler`). */
function libPath(p: string): string {
  const parts = p.split(".");
  if (parts[0] === "F" || (parts[0] === "nn" && parts[1] === "functional")) {
    const name = parts[parts.length - 1];
    return FUNCTIONAL_TORCH.has(name) ? `torch.${name}` : `F.${pyAttr(name)}`;
  }
  return parts.map((s, i) => (i === 0 ? s : pyAttr(s))).join(".");
}

export function member(t: T, n: Node): string {
  if (n.computed) {
    const obj = t.atom(n.object);
    return `${obj}[${t.expr(n.property)}]`;
  }
  const name = n.property.name as string;
  const p = path(n);
  if (p && NAMESPACES.has(p.split(".")[0]) && !isUser(t, p.split(".")[0])) {
    if (p === "Math.PI") return (t.ctx.needs.add("math"), "math.pi");
    if (p === "Math.E") return (t.ctx.needs.add("math"), "math.e");
    if (p.startsWith("Number.")) return { "Number.MAX_VALUE": "sys.float_info.max", "Number.EPSILON": "sys.float_info.epsilon", "Number.POSITIVE_INFINITY": 'float("inf")' }[p] ?? `float("nan")`;
    return libPath(p);
  }
  if (name === "length" || name === "size") return `len(${t.expr(n.object)})`;
  // param_groups hold dicts: optimizer.paramGroups[0].lr is param_groups[0]["lr"].
  if (n.object.type === "MemberExpression" && n.object.computed && n.object.object.type === "MemberExpression" && n.object.object.property?.name === "paramGroups") {
    return `${t.expr(n.object)}[${JSON.stringify(pyAttr(name))}]`;
  }
  return `${t.atom(n.object)}.${pyAttr(name)}`;
}

/** `Array.from({ length: n }, (_, i) => …)` and friends: a list comprehension. */
function arrayFrom(t: T, n: Node, args: Node[]): string {
  const [src, fn] = args;
  if (src?.type === "ObjectExpression" && src.properties.length === 1 && src.properties[0].key?.name === "length") {
    const count = t.expr(src.properties[0].value);
    if (!fn) return `[None] * ${t.atom(src.properties[0].value)}`;
    if ((fn.type === "ArrowFunctionExpression" || fn.type === "FunctionExpression") && fn.params.length <= 2 && fn.params.every((p: Node) => p.type === "Identifier")) {
      const index = fn.params[1] ? pyVar(fn.params[1].name) : "_";
      const f = t.callable({ ...fn, params: fn.params.slice(1) }, "item");
      return f.startsWith("lambda") ? `[${f.replace(/^lambda[^:]*: /, "")} for ${index} in range(${count})]` : `[${f}(${index}) for ${index} in range(${count})]`;
    }
    throw new CannotTranslate(n, "Array.from with this function");
  }
  if (!fn) return `list(${t.expr(src)})`;
  return method(t, { ...n, callee: { type: "MemberExpression", object: src, property: { type: "Identifier", name: "map" }, computed: false } }, "map", src, [fn]);
}

function libraryCall(t: T, n: Node, p: string, args: Node[]): string {
  const [head, name] = [p.split(".")[0], p.split(".").slice(1).join(".")];
  const needs = t.ctx.needs;
  switch (head) {
    case "Math":
      if (name === "max" || name === "min") {
        if (args.length === 1 && args[0].type === "SpreadElement") return `${name}(${t.expr(args[0].argument)})`;
        return `${name}(${t.args(args, false)})`;
      }
      if (name === "pow") return `${t.atom(args[0])} ** ${t.atom(args[1])}`;
      if (name === "random") return (needs.add("random"), "random.random()");
      if (MATH[name]) {
        if (MATH[name].startsWith("math.")) needs.add("math");
        return `${MATH[name]}(${t.args(args, false)})`;
      }
      break;
    case "Object":
      if (name === "keys") return `list(${t.expr(args[0])}.keys())`;
      if (name === "values") return `list(${t.expr(args[0])}.values())`;
      if (name === "entries") return `list(${t.expr(args[0])}.items())`;
      if (name === "fromEntries") return `dict(${t.expr(args[0])})`;
      break;
    case "JSON":
      needs.add("json");
      if (name === "stringify") return `json.dumps(${t.expr(args[0])})`;
      if (name === "parse") return `json.loads(${t.expr(args[0])})`;
      break;
    case "console":
      return `print(${t.args(args, false)})`;
    case "performance":
    case "Date":
      if (name === "now") return (needs.add("time"), "(time.perf_counter() * 1000)");
      break;
    case "Number":
      if (name === "isInteger") return `isinstance(${t.expr(args[0])}, int)`;
      if (name === "isFinite") return (needs.add("math"), `math.isfinite(${t.expr(args[0])})`);
      break;
    case "String":
      break;
    case "datasets":
      if (name === "MNIST") {
        needs.add("mnist");
        const [root, ...rest] = args;
        return `MNIST(data_dir(${t.expr(root)})${rest.length ? ", " + t.args(rest, true) : ""})`;
      }
      if (name === "TextCorpus") return (needs.add("text-corpus"), `TextCorpus(${t.args(args, true)})`);
      break;
    case "gym":
      if (name === "make") return (needs.add("frozen-lake"), `gym_make(${t.args(args, true)})`);
      break;
    case "transforms":
      needs.add("transforms");
      return `transforms.${name}(${t.args(args, true)})`;
    case "torch":
      if (ARITH[name] && args.length === 2 && args.every((a: Node) => a.type !== "ObjectExpression")) {
        return `${t.atom(args[0])} ${ARITH[name]} ${t.atom(args[1])}`;
      }
      if (name === "fromTypedArray") return `torch.tensor(${t.expr(args[0])}, dtype=torch.float32).view(${t.expr(args[1])})`;
      if (name === "tensor") return tensorCall(t, args);
      break;
  }
  if (TYPED.has(head)) {
    if (name === "of") return `[${t.args(args, false)}]`;
    if (name === "from") return arrayFrom(t, n, args);
    if (name === "isArray") return `isinstance(${t.expr(args[0])}, list)`;
  }
  if (["torch", "nn", "F", "optim"].includes(head)) return `${libPath(p)}(${t.args(args, true)})`;
  throw new CannotTranslate(n, `\`${p}\` has no Python translation`);
}

/** `torch.tensor(data, { requiresGrad: true })`: PyTorch wants a float dtype to require grad (Gradbook makes it float). */
function tensorCall(t: T, args: Node[]): string {
  const opts = args[1]?.type === "ObjectExpression" ? args[1] : null;
  const keys = opts ? opts.properties.map((p: Node) => p.key?.name) : [];
  const extra = keys.includes("requiresGrad") && !keys.includes("dtype") ? ", dtype=torch.float32" : "";
  return `torch.tensor(${t.args(args, true)}${extra})`;
}

export function call(t: T, n: Node): string {
  const c = n.callee;
  const args: Node[] = n.arguments;
  if (c.type === "Identifier") {
    const name = c.name as string;
    if (isUser(t, name)) return `${pyVar(name)}(${t.args(args, false)})`;
    if (name === NO_GRAD) {
      const fn = args[0];
      const body = fn?.type === "ArrowFunctionExpression" && fn.params.length === 0 ? (fn.body.type === "BlockStatement" ? (fn.body.body.length === 1 && fn.body.body[0].type === "ReturnStatement" ? fn.body.body[0].argument : null) : fn.body) : null;
      if (t.ctx.noGradInline && body) {
        // The statement becomes `with torch.no_grad():` (statements.ts), so the call is just its body.
        t.ctx.noGradUsed = true;
        return t.atom(body);
      }
      t.ctx.needs.add("no_grad");
      return `no_grad(${t.callable(args[0], "no_grad_fn")})`;
    }
    if (name === RESUMABLE) return `range(${t.expr(args[0])})`;
    if (name === "String") return `str(${t.expr(args[0])})`;
    if (name === "Number" || name === "parseFloat") return `float(${t.expr(args[0])})`;
    if (name === "parseInt") return `int(${t.expr(args[0])})`;
    if (name === "Boolean") return `bool(${t.expr(args[0])})`;
    if (name === "isNaN") return (t.ctx.needs.add("math"), `math.isnan(${t.expr(args[0])})`);
    if (name === "Array" && args.length === 1) return `[None] * ${t.atom(args[0])}`;
    const b = BUILTINS[name];
    if (b?.kind === "call") {
      if (b.section) t.ctx.needs.add(b.section);
      return `${b.py}(${t.args(args, b.kwargs !== false)})`;
    }
    if (b?.kind === "comment") throw new CannotTranslate(n, `${name} is browser-only`);
    return `${pyVar(name)}(${t.args(args, false)})`;
  }
  const p = path(c);
  if (p && NAMESPACES.has(p.split(".")[0]) && !isUser(t, p.split(".")[0]) && p.includes(".")) return libraryCall(t, n, p, args);
  if (c.type === "MemberExpression" && !c.computed) return method(t, n, c.property.name, c.object, args);
  return `${t.atom(c)}(${t.args(args, false)})`;
}

export function newExpr(t: T, n: Node): string {
  const c = n.callee;
  const args: Node[] = n.arguments;
  const p = path(c);
  const head = p?.split(".")[0] ?? "";
  if (p && !isUser(t, head)) {
    if (p === "DataLoader") return (t.ctx.needs.add("loader"), `make_loader(${t.args(args, true)})`);
    if (p === "TensorDataset") return (t.ctx.needs.add("tensor-dataset"), `TensorDataset(${t.args(args, false)})`);
    if (p === "Set") return args.length ? `set(${t.expr(args[0])})` : "set()";
    if (p === "Map") return args.length ? `dict(${t.expr(args[0])})` : "{}";
    if (p === "Float32Array" || p === "Float64Array") return args[0]?.type === "Literal" || args[0]?.type === "Identifier" || args[0]?.type === "BinaryExpression" ? `[0.0] * ${t.atom(args[0])}` : `list(${t.expr(args[0])})`;
    if (p === "Int32Array" || p === "Uint8Array") return `[0] * ${t.atom(args[0])}`;
    if (p === "Array") return args.length === 1 ? `[None] * ${t.atom(args[0])}` : `[${t.args(args, false)}]`;
    if (p === "Error" || p === "RangeError" || p === "TypeError") return `${{ Error: "RuntimeError", RangeError: "ValueError", TypeError: "TypeError" }[p]}(${t.args(args, false)})`;
    if (p === "Promise" && /setTimeout/.test(JSON.stringify(args[0]?.body ?? {}))) return "None";
    if (p === "optim.SparseAdam") {
      t.ctx.notes.push("Gradbook's SparseAdam reads a dense gradient as sparse (zero entries skipped); PyTorch's takes only sparse gradients, so Adam stands in: the same update wherever a gradient is not exactly zero.");
      return `optim.Adam(${t.args(args, true)})`;
    }
    if (head === "nn" || head === "optim" || head === "torch") {
      const ctor = `${libPath(p)}(${t.args(args, true)})`;
      return p === "nn.Sequential" && t.ctx.classDepth === 0 ? (t.ctx.needs.add("prepare"), `prepare(${ctor})`) : ctor;
    }
    if (NAMESPACES.has(head) || p === "Promise") throw new CannotTranslate(n, `new ${p} has no Python translation`);
  }
  const ctor = `${t.atom(c)}(${t.args(args, false)})`;
  if (c.type === "Identifier" && t.ctx.moduleClasses.has(c.name) && t.ctx.classDepth === 0) {
    t.ctx.needs.add("prepare");
    return `prepare(${ctor})`;
  }
  return ctor;
}
