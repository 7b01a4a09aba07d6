// Listens for Jupyter's command-mode keys on the page (never inside an editor or text field) and reports commands.
import { useEffect, useRef } from "react";
import { commandForKey, isTextTarget, type LastKey, type NotebookCommand } from "../features/notebook/command-keys";

/**
 * Calls `onCommand` for command-mode keys pressed outside text fields, within `scope` (an element's selector)
 * or on the page body. Enter on a focused button stays the button's.
 */
export function useCommandKeys(onCommand: (command: NotebookCommand) => void, scope: string): void {
  const handler = useRef(onCommand);
  handler.current = onCommand;
  useEffect(() => {
    let last: LastKey | null = null;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTextTarget(e.target)) return;
      const target = e.target instanceof Element ? e.target : null;
      const inScope = target === null || target === document.body || target === document.documentElement || target.closest(scope) !== null;
      if (!inScope) return;
      if (e.key === "Enter" && target?.closest("button, a, summary, [role=button]")) return;
      const result = commandForKey(e, last, performance.now());
      last = result.last;
      if (result.command === null) return;
      e.preventDefault();
      handler.current(result.command);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [scope]);
}
