// ESLint: typescript-eslint's recommended rules plus the layer rule — imports point down only (see src/README.md).
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/** Layers from the bottom; a layer may import only the ones listed for it. */
const forbidden = {
  lib: ["core", "nn", "optim", "data", "io", "envs", "kernel", "notebook", "ui", "tutorials"],
  core: ["nn", "optim", "data", "io", "envs", "kernel", "notebook", "ui"],
  nn: ["optim", "data", "io", "envs", "kernel", "notebook", "ui"],
  optim: ["data", "io", "envs", "kernel", "notebook", "ui"],
  data: ["io", "envs", "kernel", "notebook", "ui"],
  io: ["envs", "kernel", "notebook", "ui"],
  envs: ["data", "io", "kernel", "notebook", "ui"],
  kernel: ["notebook", "ui"],
  notebook: ["ui"],
};
const engine = ["lib", "core", "nn", "optim", "data", "io", "envs"];

function layerRule(layer) {
  const patterns = forbidden[layer].map((up) => ({
    group: [`**/${up}/*`, `**/${up}`],
    message: `${layer}/ must not import from ${up}/: imports point down the layers (lib → core → nn → optim/data/io → envs → kernel; notebook → ui).`,
  }));
  if (engine.includes(layer)) {
    patterns.push({ group: ["react", "react-dom", "recharts", "monaco-editor"], message: "The engine layers never import UI libraries." });
  }
  if (layer !== "core") {
    patterns.push({ group: ["@tensorflow/*"], message: "Only src/core/backend.ts imports @tensorflow/*; use `tf` from ../core." });
  }
  return {
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns }] },
  };
}

/**
 * The kernel's folders (src/kernel/README.md), bottom up: compiler → runtime → builtins | training | files → worker;
 * client/ is the page's side and sees only protocol.ts. runtime/ may name training's and files' types (the injected
 * deps interface), never import their code.
 */
const kernelFolders = {
  client: { forbid: ["compiler", "runtime", "builtins", "training", "files", "worker"] },
  compiler: { forbid: ["client", "runtime", "builtins", "training", "files", "worker"] },
  runtime: { forbid: ["client", "builtins", "worker"], typesOnly: ["training", "files"] },
  builtins: { forbid: ["client", "compiler", "training", "files", "worker"] },
  training: { forbid: ["client", "compiler", "builtins", "files", "worker"] },
  files: { forbid: ["client", "compiler", "builtins", "training", "worker"] },
  worker: { forbid: ["client"] },
};

function kernelFolderRule([folder, { forbid, typesOnly = [] }]) {
  const pattern = (other, allowTypeImports) => ({
    group: [`**/kernel/${other}/*`, `../${other}/*`],
    allowTypeImports,
    message:
      other === "client"
        ? "kernel/client/ is the page's side of the protocol: worker code never imports it."
        : `kernel/${folder}/ must not import kernel/${other}/${allowTypeImports ? " code (types only)" : ""}: see the folder ladder in src/kernel/README.md.`,
  });
  return {
    files: [`src/kernel/${folder}/**/*.ts`],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...forbid.map((o) => pattern(o, false)), ...typesOnly.map((o) => pattern(o, true))] }],
    },
  };
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "bench/results/**", "bench/dist/**", "test-results/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  ...Object.keys(forbidden).map(layerRule),
  ...Object.entries(kernelFolders).map(kernelFolderRule),
  {
    files: ["src/ui/**/*.ts", "src/ui/**/*.tsx", "src/notebook/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/core/*", "**/core", "**/nn/*", "**/nn", "**/optim/*", "**/data/*", "**/envs/*", "@tensorflow/*"], message: "The page reaches the engine only through kernel/client/ and types from kernel/protocol.ts." },
            { group: ["**/kernel/*", "!**/kernel/client", "!**/kernel/protocol", "**/kernel/*/*", "!**/kernel/client/*"], message: "Only kernel/client/ and kernel/protocol.ts are visible to the page." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/core/backend.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  // No import cycle anywhere in src/ (type-only imports count too: a cycle is a design bug, see ../shared/STYLE.md).
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { allowUnsafeDynamicCyclicDependency: false }] },
  },
);
