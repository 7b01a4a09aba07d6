// Tests for command-keys.ts: Jupyter's command-mode keys, the D D chord, Korean IME layouts and composition.
import { describe, expect, it } from "vitest";
import { commandForKey, letterOf, type KeyLike, type LastKey } from "./command-keys";

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : k,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...extra,
});
const cmd = (e: KeyLike, last: LastKey | null = null, now = 0) => commandForKey(e, last, now).command;

describe("commandForKey", () => {
  it("maps the Enter family", () => {
    expect(cmd(key("Enter"))).toBe("edit");
    expect(cmd(key("Enter", { shiftKey: true }))).toBe("run-next");
    expect(cmd(key("Enter", { ctrlKey: true }))).toBe("run");
    expect(cmd(key("Enter", { metaKey: true }))).toBe("run");
    expect(cmd(key("Enter", { altKey: true }))).toBe("run-insert");
    expect(cmd(key("Enter", { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it("maps single letters and arrows, ignoring modified keys", () => {
    expect(["a", "b", "z", "m", "y", "k", "j"].map((k) => cmd(key(k)))).toEqual([
      "insert-above",
      "insert-below",
      "undo-delete",
      "to-markdown",
      "to-code",
      "select-prev",
      "select-next",
    ]);
    expect(cmd(key("ArrowUp"))).toBe("select-prev");
    expect(cmd(key("ArrowDown"))).toBe("select-next");
    expect(cmd(key("A"))).toBe("insert-above"); // caps lock
    expect(cmd(key("a", { ctrlKey: true }))).toBeNull(); // Ctrl+A is the browser's
    expect(cmd(key("z", { metaKey: true }))).toBeNull();
    expect(cmd(key("x"))).toBeNull();
  });

  it("needs D twice within the chord time to delete, and so for I I and 0 0", () => {
    const first = commandForKey(key("d"), null, 1000);
    expect(first).toEqual({ command: null, last: { letter: "d", at: 1000 } });
    expect(cmd(key("d"), first.last, 1500)).toBe("delete");
    expect(cmd(key("d"), first.last, 2000)).toBeNull(); // too slow: starts a new chord
    expect(cmd(key("d"), { letter: "i", at: 1000 }, 1100)).toBeNull();
    expect(cmd(key("i"), { letter: "i", at: 0 }, 100)).toBe("interrupt");
    expect(cmd({ ...key("0"), code: "Digit0" }, { letter: "0", at: 0 }, 100)).toBe("restart");
  });

  it("reads the physical key when a Korean input method is on, and never acts mid-composition", () => {
    expect(letterOf({ ...key("ㅇ"), code: "KeyD" })).toBe("d");
    expect(cmd({ ...key("ㅁ"), code: "KeyA" })).toBe("insert-above");
    expect(cmd({ ...key("Process"), code: "KeyB" })).toBe("insert-below"); // keyCode 229 outside a text field
    expect(cmd({ ...key("ㅇ"), code: "KeyD", isComposing: true }, { letter: "d", at: 0 }, 10)).toBeNull();
    expect(cmd(key("Enter", { isComposing: true }))).toBeNull();
  });
});
