// Jupyter's command-mode keys as a pure function: a key event (and the previous key, for D D / I I / 0 0) → a command.

export type NotebookCommand =
  | "edit"
  | "run"
  | "run-next"
  | "run-insert"
  | "insert-above"
  | "insert-below"
  | "delete"
  | "undo-delete"
  | "to-markdown"
  | "to-code"
  | "to-raw"
  | "select-prev"
  | "select-next"
  | "interrupt"
  | "restart";

/** The parts of a KeyboardEvent the keymap reads. */
export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
}

/** The last plain key pressed, for the two-key chords. */
export interface LastKey {
  letter: string;
  at: number;
}

/** Two presses of D (or I, or 0) closer than this make a chord, as in Jupyter. */
export const CHORD_MS = 800;

const CHORDS: Record<string, NotebookCommand> = { d: "delete", i: "interrupt", "0": "restart" };
const SINGLE: Record<string, NotebookCommand> = {
  a: "insert-above",
  b: "insert-below",
  z: "undo-delete",
  m: "to-markdown",
  y: "to-code",
  r: "to-raw",
  k: "select-prev",
  j: "select-next",
};

/**
 * The letter a key stands for. With a Korean (or any non-Latin) input method on, `key` is "ㅇ" for the D key, so
 * the physical key (`code` "KeyD") decides, the way Jupyter users expect their shortcuts to keep working.
 */
export function letterOf(e: KeyLike): string | null {
  if (/^[a-z0-9]$/i.test(e.key)) return e.key.toLowerCase();
  const m = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(e.code);
  return m ? (m[1] ?? m[2]).toLowerCase() : null;
}

/**
 * The command for a key pressed in command mode, and the letter to remember for the next chord. Keys held with
 * Ctrl/Alt/Meta are left to the browser except the Enter combinations; a key of an IME composition is never a command.
 */
export function commandForKey(e: KeyLike, last: LastKey | null, now: number): { command: NotebookCommand | null; last: LastKey | null } {
  // Mid-composition keys belong to the input method. (A keyCode 229 "Process" key outside any text field is a
  // shortcut the IME intercepted: `code` still names the key.)
  if (e.isComposing) return { command: null, last: null };
  if (e.key === "Enter") {
    if (e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) return { command: "run-next", last: null };
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) return { command: "run", last: null };
    if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) return { command: "run-insert", last: null };
    if (!e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) return { command: "edit", last: null };
    return { command: null, last: null };
  }
  if (e.ctrlKey || e.altKey || e.metaKey) return { command: null, last: null };
  if (e.key === "ArrowUp") return { command: "select-prev", last: null };
  if (e.key === "ArrowDown") return { command: "select-next", last: null };
  if (e.shiftKey) return { command: null, last: null };
  const letter = letterOf(e);
  if (letter === null) return { command: null, last: null };
  const chord = CHORDS[letter];
  if (chord) {
    const second = last !== null && last.letter === letter && now - last.at <= CHORD_MS;
    return second ? { command: chord, last: null } : { command: null, last: { letter, at: now } };
  }
  return { command: SINGLE[letter] ?? null, last: null };
}

/** True when keys typed at `target` are text for an editor, not notebook commands. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(".monaco-editor, input, textarea, select, [contenteditable=''], [contenteditable='true']")) return true;
  return false;
}
