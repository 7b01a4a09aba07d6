// Vite plugin: `virtual:gradbook-dts`, the .d.ts files of src/kernel/worker/api.ts (TypeScript compiler API) for Monaco IntelliSense.
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { Plugin, ViteDevServer } from "vite";

const VIRTUAL_ID = "virtual:gradbook-dts";
const RESOLVED_ID = "\0" + VIRTUAL_ID;
const ENTRY = "src/kernel/worker/api.ts";

/** Names the kernel puts in every cell's scope, taken from api.ts's exports. */
export const API_GLOBALS = [
  "torch", "nn", "F", "optim", "DataLoader", "TensorDataset", "Dataset", "randomSplit", "datasets", "transforms", "gym",
  "Tensor", "tensor", "manualSeed", "noGrad", "loadSafetensors",
] as const;

/** Kernel-only globals (they talk to the page), declared by hand unless api.ts exports them. */
const KERNEL_GLOBALS: Record<string, string> = {
  print: `  /**
   * Prints values under the cell, joined by spaces, then a newline, like Python's \`print\`.
   * Tensors and modules print a PyTorch-style repr: \`print(model)\`, \`print(x.shape)\`.
   */
  function print(...args: unknown[]): void;`,
  display: `  /**
   * Shows a value as its own output under the cell, like IPython's \`display()\`: strings as they are, tensors
   * PyTorch-style, and an array of objects as a table (\`display([{ epoch: 1, loss: 0.31 }])\`).
   */
  function display(value: unknown): void;`,
  table: `  /**
   * Shows rows as an HTML table: \`table([{ epoch: 1, loss: 0.31 }, { epoch: 2, loss: 0.27 }])\`, or arrays of values
   * with \`{ columns: ["epoch", "loss"] }\`. Numbers show 6 significant digits; past \`maxRows\` (200) rows are counted.
   */
  function table(rows: Record<string, unknown>[] | unknown[][], options?: { columns?: string[]; maxRows?: number }): void;`,
  plot: `  /**
   * Draws a line or scatter chart under the cell.
   * - \`plot(losses)\`: y values against 0, 1, 2, …
   * - \`plot(x, y, { kind: "scatter", title: "…", xLabel: "…", yLabel: "…" })\`
   * - \`plot({ series: [{ name: "train", y: trainLoss }, { name: "test", x: epochs, y: testLoss }], title: "Loss" })\`
   * Values may be arrays or 1-D tensors. Saved notebooks keep the chart as JSON plus a text summary.
   */
  function plot(y: ArrayLike<number> | G.Tensor, options?: PlotOptions): void;
  function plot(x: ArrayLike<number> | G.Tensor, y: ArrayLike<number> | G.Tensor, options?: PlotOptions): void;
  function plot(spec: PlotOptions & { x?: ArrayLike<number> | G.Tensor; y?: ArrayLike<number> | G.Tensor; series?: { name?: string; x?: ArrayLike<number> | G.Tensor; y: ArrayLike<number> | G.Tensor }[] }): void;
  interface PlotOptions {
    /** "line" (default) or "scatter". */
    kind?: "line" | "scatter";
    title?: string;
    xLabel?: string;
    yLabel?: string;
    /** Name of the series given by x/y (for the legend). */
    name?: string;
  }`,
  showImages: `  /**
   * Draws a grid of images, like torchvision's \`make_grid\`: \`showImages(images, { labels })\` for an MNIST batch
   * \`[N, 1, 28, 28]\` (or \`[N, 28, 28]\`). Any value range is scaled to black…white. \`labels\` (a tensor or array,
   * one per image) is written under each image; \`nrow\` images per row (8). Shows at most 256 images.
   */
  function showImages(images: G.Tensor | ArrayLike<unknown>, options?: { labels?: G.Tensor | ArrayLike<number | string>; nrow?: number; padding?: number; scale?: number }): void;`,
  log: `  /**
   * Streams metrics to the live charts under the cell: \`log({ loss: loss.item() })\` adds a point per call to the
   * training chart; \`log({ "test accuracy": acc }, { axis: "epoch" })\` adds one to the per-epoch chart.
   * Steps count 1, 2, 3… per axis within the run unless \`step\` is given.
   */
  function log(metrics: Record<string, number>, options?: { step?: number; axis?: "step" | "epoch" }): void;`,
  exportWeights: `  /**
   * Downloads a model (its \`stateDict()\`, PyTorch names such as \`fc1.weight\`): \`exportWeights(model, "mnist")\`.
   * Formats: "safetensors" (default: mnist.safetensors); "pytorch" (mnist.py, a generated nn.Module, + mnist.safetensors);
   * "tfjs" (mnist.json weightsManifest + mnist.weights.bin); "checkpoint" (weights + optimizer state + epoch + RNG
   * state: \`exportWeights(model, "run", { format: "checkpoint", optimizer, epoch })\`).
   */
  function exportWeights(
    model: nn.Module,
    name?: string,
    options?: { format?: "safetensors" | "tfjs" | "pytorch" | "checkpoint"; optimizer?: G.optim.Optimizer; epoch?: number; extra?: unknown },
  ): void;`,
  loadWeights: `  /**
   * Loads a file uploaded with the ⤒ Import weights button into a model, all-or-nothing (a wrong name, shape or
   * dtype lists every mismatch): \`loadWeights(model, "mnist.safetensors")\` (the newest upload by default). A
   * checkpoint also restores \`{ optimizer }\` and the random generator. Returns a one-line summary.
   */
  function loadWeights(model: nn.Module, name?: string, options?: { optimizer?: G.optim.Optimizer }): string;`,
  uploadedFile: `  /**
   * The bytes of a file uploaded with the ⤒ Import weights button (the newest by default):
   * \`model.loadStateDict(loadSafetensors(uploadedFile("mnist.safetensors")))\`.
   */
  function uploadedFile(name?: string): Uint8Array;`,
  resumable: `  /**
   * An epoch loop that survives a reload or a crash: yields 0, 1, … epochs-1, and after each finished epoch saves a
   * checkpoint (weights, optimizer and scheduler state, random generator, the run's curves) to the browser's storage.
   * If training stops early, the cell offers "Resume from epoch k/N": the cells above run again, then this loop
   * restores the checkpoint and goes on from the next epoch. Loop over it with \`for await\`:
   * \`for await (const epoch of resumable(epochs, { model, optimizer })) { train(epoch); }\`
   */
  function resumable(
    epochs: number,
    parts: { model: nn.Module; optimizer?: G.optim.Optimizer; scheduler?: { stateDict(): unknown; loadStateDict(sd: never): unknown } },
  ): AsyncIterableIterator<number>;`,
  summary: `  /**
   * Prints a model's layers like torchinfo's \`summary\`: each layer (nested, with its name), its output shape for a
   * forward pass on zeros of \`inputShape\` (batch first: \`[1, 1, 28, 28]\`), its parameter count, the totals
   * (trainable and not) and estimated sizes in MB. A shape error names the layer it happened in.
   */
  function summary(model: nn.Module, inputShape: number[]): void;`,
  confusionMatrix: `  /**
   * A classifier's confusion matrix as a heat map (rows: true class, columns: predicted; colour = share of the row)
   * with per-class accuracy: \`confusionMatrix(model, testLoader)\`, \`confusionMatrix(model, { inputs, targets })\`, or
   * from predictions: \`confusionMatrix({ predictions, targets })\` (class indices, or scores [N, C]).
   */
  function confusionMatrix(model: nn.Module, data: Iterable<G.Tensor[]> | { inputs: G.Tensor; targets: G.Tensor }, options?: { classes?: string[] }): void;
  function confusionMatrix(results: { predictions: G.Tensor | ArrayLike<number>; targets: G.Tensor | ArrayLike<number> }, options?: { classes?: string[] }): void;`,
  showMisclassified: `  /**
   * A grid of the first \`n\` (16) inputs the model gets wrong, each labelled "predicted / true":
   * \`showMisclassified(model, testLoader, { n: 24 })\`. Runs in eval mode under noGrad.
   */
  function showMisclassified(model: nn.Module, data: Iterable<G.Tensor[]> | { inputs: G.Tensor; targets: G.Tensor }, options?: { n?: number; nrow?: number; scale?: number }): void;`,
  showWeights: `  /**
   * A layer's weights as images: for \`nn.Linear(784, k)\` each of the k rows as a 28×28 image (what that output
   * looks for), for \`nn.Conv2d\` each filter. \`showWeights(model.fc1)\`, \`showWeights(model.conv1)\`.
   */
  function showWeights(layer: nn.Linear | nn.Conv2d, options?: { shape?: [number, number]; nrow?: number; max?: number }): void;`,
  showFeatureMaps: `  /**
   * What a conv layer outputs for one image \`[1, 28, 28]\`: \`showFeatureMaps(model.conv1, image)\` runs that layer;
   * \`showFeatureMaps(model, image, { layer: "conv2" })\` runs the whole model and catches conv2's output with a forward hook.
   */
  function showFeatureMaps(layerOrModel: nn.Module, image: G.Tensor, options?: { layer?: string; nrow?: number; max?: number }): void;`,
  drawPad: `  /**
   * A canvas to draw a digit on with the mouse, a finger or a pen; as you draw, it is shrunk to 28×28 the way MNIST
   * was made and the model's class probabilities show live. Pass the transform the model was trained with:
   * \`drawPad(model, { transform })\`. Re-running the cell (or a restart) retires the old pad.
   */
  function drawPad(model: nn.Module, options?: { transform?: { applyValues(v: Float32Array, channels: number, hw: number): Float32Array } | ((x: G.Tensor) => G.Tensor); classes?: string[] }): void;`,
};

/**
 * The editor type-checks a view of each cell where operators are calls (ui/features/editor/operator-view.ts), so
 * `x * w + b` is a Tensor when a side is one, and what plain numbers, bigints and strings give otherwise. An `any`
 * side gives `any` (an untyped parameter may hold a Tensor). Mirrors the kernel's src/kernel/compiler/operators.ts.
 */
export const OPERATOR_DECLS = `  type __IsAny<T> = 0 extends 1 & T ? true : false;
  type __Num = number | bigint | boolean | G.Tensor | number[] | number[][] | number[][][];
  type __Arith<A, B> = true extends __IsAny<A> | __IsAny<B> ? any : [A] extends [bigint] ? ([B] extends [bigint] ? bigint : number) : A extends G.Tensor ? G.Tensor : B extends G.Tensor ? G.Tensor : number;
  type __Add<A, B> = true extends __IsAny<A> | __IsAny<B> ? any : A extends string ? string : B extends string ? string : __Arith<A, B>;
  type __Cmp<A, B> = true extends __IsAny<A> | __IsAny<B> ? any : A extends G.Tensor ? G.Tensor : B extends G.Tensor ? G.Tensor : boolean;
  function __op_add<A, B>(a: A, b: B): __Add<A, B>;
  function __op_iadd<A, B>(a: A, b: B): __Add<A, B>;
${["sub", "mul", "div", "mod", "pow", "isub", "imul", "idiv", "imod", "ipow"]
  .map((n) => `  function __op_${n}<A extends __Num, B extends __Num>(a: A, b: B): __Arith<A, B>;`)
  .join("\n")}
${["lt", "le", "gt", "ge"].map((n) => `  function __op_${n}<A extends __Num | string, B extends __Num | string>(a: A, b: B): __Cmp<A, B>;`).join("\n")}
  function __op_eq<A, B>(a: A, b: B): __Cmp<A, B>;
  function __op_ne<A, B>(a: A, b: B): __Cmp<A, B>;
  function __op_neg<A extends __Num>(a: A): __Arith<A, A>;`;

export interface ApiDts {
  /** Paths relative to the package root (`index.d.ts`, `globals.d.ts`, `kernel/worker/api.d.ts`, …) → contents. */
  files: Record<string, string>;
  /** Source files the declarations came from (to know when to regenerate). */
  sources: string[];
  /** Compiler complaints about declaration emit, for the dev server log. */
  diagnostics: string[];
}

function globalsFile(exported: Set<string>, importFrom: string): string {
  const aliases = API_GLOBALS.filter((n) => exported.has(n)).map((n) => `  export import ${n} = G.${n};`);
  const kernel = Object.entries(KERNEL_GLOBALS)
    .map(([name, decl]) => (exported.has(name) ? `  export import ${name} = G.${name};` : decl));
  return [
    "// The names every Gradbook cell can use without importing them (the kernel puts them in scope).",
    `import * as G from "${importFrom}";`,
    "declare global {",
    ...aliases,
    ...kernel,
    OPERATOR_DECLS,
    "}",
    "export {};",
    "",
  ].join("\n");
}

/** Emits declarations for `src/kernel/worker/api.ts` and everything it imports; empty ones while it does not exist. */
export function generateApiDts(root: string, entry = ENTRY): ApiDts {
  const entryPath = path.resolve(root, entry);
  if (!existsSync(entryPath)) {
    return { files: { "index.d.ts": "export {};\n", "globals.d.ts": globalsFile(new Set(), "./index") }, sources: [], diagnostics: [] };
  }
  const srcDir = path.resolve(root, "src");
  const outDir = path.resolve(root, ".gradbook-dts"); // never written: emit goes to the callback below
  const program = ts.createProgram([entryPath], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: [],
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    stripInternal: true,
    rootDir: srcDir,
    declarationDir: outDir,
  });
  const files: Record<string, string> = {};
  const result = program.emit(undefined, (fileName, text) => {
    files[path.relative(outDir, fileName).split(path.sep).join("/")] = text;
  });
  const diagnostics = result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));

  const rel = path.relative(srcDir, entryPath).replace(/\.tsx?$/, "").split(path.sep).join("/");
  files["index.d.ts"] = `export * from "./${rel}";\n`;
  const checker = program.getTypeChecker();
  const entrySymbol = checker.getSymbolAtLocation(program.getSourceFile(entryPath)!);
  const exported = new Set(entrySymbol ? checker.getExportsOfModule(entrySymbol).map((s) => s.name) : []);
  files["globals.d.ts"] = globalsFile(exported, "./index");

  const sources = program
    .getSourceFiles()
    .map((f) => path.resolve(f.fileName))
    .filter((f) => f.startsWith(srcDir + path.sep) && !f.endsWith(".d.ts"));
  return { files, sources, diagnostics };
}

/** Provides `virtual:gradbook-dts` (`export const files: Record<string, string>`), regenerated when api.ts's sources change. */
export function apiDtsPlugin(): Plugin {
  let root = process.cwd();
  let cached: ApiDts | null = null;
  let server: ViteDevServer | null = null;
  const invalidate = (file: string) => {
    const abs = path.resolve(file);
    const relevant = cached === null || cached.sources.includes(abs) || abs === path.resolve(root, ENTRY);
    if (!relevant) return;
    cached = null;
    // No reload: the open page keeps its notebook; the next load gets the new declarations.
    const mod = server?.moduleGraph.getModuleById(RESOLVED_ID);
    if (mod) server?.moduleGraph.invalidateModule(mod);
  };
  return {
    name: "gradbook:api-dts",
    configResolved(config) {
      root = config.root;
    },
    configureServer(devServer) {
      server = devServer;
      for (const event of ["add", "change", "unlink"] as const) devServer.watcher.on(event, invalidate);
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      cached ??= generateApiDts(root);
      for (const d of cached.diagnostics.slice(0, 5)) this.warn(`declaration emit: ${d}`);
      return `export const files = ${JSON.stringify(cached.files)};\n`;
    },
  };
}
