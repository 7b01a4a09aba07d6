// Turns the generated gradbook declarations into Monaco extra libs: a `gradbook` package in node_modules plus globals.
/** Where the declarations live for the language service, so `import { nn } from "gradbook"` resolves. */
export const GRADBOOK_PACKAGE_ROOT = "file:///node_modules/gradbook/";

/**
 * One extra lib per declaration file. No package.json: every extra lib is a root file of the language service's
 * program, and Node resolution finds `node_modules/gradbook/index.d.ts` on its own.
 */
export function gradbookExtraLibs(files: Record<string, string>): { content: string; filePath: string }[] {
  return Object.entries(files).map(([rel, content]) => ({ content, filePath: GRADBOOK_PACKAGE_ROOT + rel }));
}

/** The model URI of a cell: a .ts file, so the language service treats it as TypeScript. */
export function cellModelPath(cellId: string): string {
  return `file:///notebook/${encodeURIComponent(cellId)}.ts`;
}
