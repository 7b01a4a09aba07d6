// Name and message of anything thrown or reported, for the kernel's `error` messages.
import { repr } from "./format";

/**
 * Name and message of anything thrown or reported: Errors, error-likes such as the ErrorEvent a library's own
 * worker fails with ("Uncaught ReferenceError: e is not defined"), and plain values.
 */
export function summarize(e: unknown): { ename: string; evalue: string } {
  if (e instanceof Error) return { ename: e.name || "Error", evalue: e.message };
  const message = (e as { message?: unknown } | null)?.message;
  const text = typeof message === "string" && message ? message : typeof e === "string" ? e : repr(e);
  const m = /^(?:Uncaught )?([A-Z]\w*(?:Error|Exception)): ([\s\S]*)$/.exec(text);
  return m ? { ename: m[1], evalue: m[2] } : { ename: "Error", evalue: text.replace(/^Uncaught /, "") };
}
