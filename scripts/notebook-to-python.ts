// `npm run notebook -- NB.ipynb --to-python OUT.py|OUT.ipynb`: writes the notebook as a PyTorch program, lists what
// could not be translated on stderr, and prints the output path on stdout (as the runner does for executed notebooks).
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Notebook } from "../src/io/ipynb";
import { notebookToPython } from "../src/io/notebook-py/program";

/** Writes `out` (.py or .ipynb); returns the exit code: 0 written (even with untranslatable lines), 2 unwritable. */
export function writePython(nb: Notebook, out: string, say: (line: string) => void): number {
  const format = out.toLowerCase().endsWith(".ipynb") ? "ipynb" : "py";
  const result = notebookToPython(nb, format, path.basename(out));
  try {
    writeFileSync(out, result.text);
  } catch (e) {
    say(`Error: cannot write ${out} (${(e as Error).message})`);
    return 2;
  }
  const flags = result.parameters.map((p) => p.flag).join(" ");
  say(`Wrote ${out}: PyTorch ${format === "py" ? "script" : "notebook"}${flags ? `; its options: ${flags}` : ""}`);
  if (result.untranslatable.length) {
    say(`${result.untranslatable.length} construct(s) could not be translated; each raises NotImplementedError where it stands:`);
    for (const u of result.untranslatable) say(`  cell ${u.cell}, line ${u.line}: ${u.source}  (${u.reason})`);
  }
  process.stdout.write(out + "\n");
  return 0;
}
