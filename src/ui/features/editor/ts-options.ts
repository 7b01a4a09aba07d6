// The TypeScript settings of the cell editors, as plain data: Monaco's language service and the tutorials' type test share them.

/**
 * Compiler options, in TypeScript's own enum values (Monaco's enums have the same numbers; its ScriptTarget enum
 * stops at ES2020, so ES2022 is written as 9).
 */
export const CELL_COMPILER_OPTIONS = {
  target: 9, // ES2022
  module: 99, // ESNext
  moduleResolution: 2, // NodeJs (node10): finds node_modules/gradbook/index.d.ts
  // Cells run in the kernel's Web Worker: no DOM.
  lib: ["es2022", "webworker"],
  allowNonTsExtensions: true,
  allowJs: true,
  esModuleInterop: true,
  // Learners first: no strict null checks or implicit-any errors in the way of a first model.
  strict: false,
  noImplicitAny: false,
  strictNullChecks: false,
  noEmit: true,
  skipLibCheck: true,
} as const;

/** Diagnostics the editor never shows, because the kernel allows what they complain about. */
export const IGNORED_DIAGNOSTIC_CODES: readonly number[] = [
  // Cells share one scope like a notebook kernel: redeclaring `model` in a later cell is normal.
  2451, 2300, 2393,
  // Top-level await in a cell that has no import/export (the kernel allows it everywhere).
  1375, 1378, 1431, 1432,
  // A bare `return` or trailing expression at the top of a cell.
  1108,
];
