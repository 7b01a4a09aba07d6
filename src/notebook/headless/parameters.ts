// Papermill-style parameters: `-p NAME=VALUE` parsing and an `injected-parameters` cell after the `parameters` cell.
import { newCellId, sourceToString, type Cell, type CodeCell, type Notebook } from "../../io/ipynb";

/** The tag that marks the cell holding a notebook's default parameters (papermill's name). */
export const PARAMETERS_TAG = "parameters";
/** The tag of the cell the runner writes with the overriding values (papermill's name). */
export const INJECTED_TAG = "injected-parameters";

/** A malformed `-p` argument; the message shows the expected form. */
export class ParameterError extends Error {
  override name = "ParameterError";
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Parses `NAME=VALUE`. The value is JSON when it parses as JSON (`1`, `0.5`, `true`, `[1,2]`, `"x"`),
 * else the raw text as a string (`-p optimizer=adam`), like papermill's `-p`.
 */
export function parseParameter(arg: string): [name: string, value: unknown] {
  const eq = arg.indexOf("=");
  if (eq < 0) {
    throw new ParameterError(`-p ${JSON.stringify(arg)} has no "="; write -p NAME=VALUE, e.g. -p epochs=1`);
  }
  const name = arg.slice(0, eq).trim();
  if (!IDENTIFIER.test(name)) {
    throw new ParameterError(
      `-p ${JSON.stringify(arg)}: ${JSON.stringify(name)} is not a variable name; write -p NAME=VALUE with NAME ` +
        `like epochs or learningRate`,
    );
  }
  const raw = arg.slice(eq + 1);
  try {
    return [name, JSON.parse(raw)];
  } catch {
    return [name, raw];
  }
}

/** Parses every `-p` argument into one record; a repeated name keeps its last value. */
export function parseParameters(args: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    const [name, value] = parseParameter(arg);
    out[name] = value;
  }
  return out;
}

const tagsOf = (cell: Cell): unknown[] => {
  const tags = (cell.metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags : [];
};

/** Top-level `const|let|var NAME` (and `export …`) at the start of a line: what the parameters cell declares. */
export function declaredNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  return names;
}

/**
 * Returns a copy of `nb` with a code cell tagged `injected-parameters` right after the first cell tagged
 * `parameters` (at the top if there is none), replacing an injected cell left by an earlier run. A name the
 * parameters cell declares is assigned (`epochs = 1;`); any other name is declared (`const x = 1;`) with a warning,
 * as papermill warns about unknown parameters.
 */
export function injectParameters(
  nb: Notebook,
  params: Record<string, unknown>,
): { notebook: Notebook; warnings: string[] } {
  const names = Object.keys(params);
  if (names.length === 0) return { notebook: nb, warnings: [] };
  const warnings: string[] = [];
  const cells = nb.cells.filter((c) => !tagsOf(c).includes(INJECTED_TAG));
  const at = cells.findIndex((c) => c.cell_type === "code" && tagsOf(c).includes(PARAMETERS_TAG));
  if (at < 0) {
    warnings.push(`no cell is tagged "${PARAMETERS_TAG}"; the parameters go in a new first cell`);
  }
  const declared = at < 0 ? new Set<string>() : declaredNames(sourceToString(cells[at].source));
  const lines = ["// Parameters (injected by the headless runner)"];
  for (const name of names) {
    const literal = JSON.stringify(params[name]);
    if (declared.has(name)) {
      lines.push(`${name} = ${literal};`);
    } else {
      lines.push(`const ${name} = ${literal};`);
      if (at >= 0) warnings.push(`the parameters cell does not declare "${name}"; it is declared in the injected cell`);
    }
  }
  const ids = new Set(cells.map((c) => c.id));
  let id = newCellId();
  while (ids.has(id)) id = newCellId();
  const injected: CodeCell = {
    id,
    cell_type: "code",
    metadata: { tags: [INJECTED_TAG] },
    source: lines.join("\n") + "\n",
    outputs: [],
    execution_count: null,
  };
  cells.splice(at + 1, 0, injected);
  return { notebook: { ...nb, cells }, warnings };
}
