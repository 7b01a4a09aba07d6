// Two tabs on one notebook: BroadcastChannel presence, so the second tab stops saving instead of overwriting the first.
import { createStatusStore } from "./status-store";

/** Thrown by a save while another tab owns the notebook; the autosaver keeps the newest state and retries. */
export class NotebookConflictError extends Error {
  override name = "NotebookConflictError";
}

type Message = { type: "open" | "here" | "taken"; id: string; tab: string };

const CHANNEL = "gradbook-notebooks";
const TAB = Math.random().toString(36).slice(2, 10);

/** The open notebook's conflict, for the banner: null when this tab may save it. */
export const conflictStore = createStatusStore<{ id: string } | null>(null);

export interface Presence {
  readonly id: string;
  readonly blocked: boolean;
  /** This tab's copy wins: saving resumes here, the other tabs stop. */
  takeOver(): void;
  /** Another writer changed the stored notebook (seen by its revision): stop saving until the user takes over. */
  block(): void;
  close(): void;
}

let current: Presence | null = null;
let onTakeOver: (() => void) | null = null;

/** The presence of the notebook this tab shows; opening another notebook closes the previous one. */
export function watchPresence(id: string, takenOver: () => void): Presence {
  current?.close();
  const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
  let blocked = false;
  const set = (b: boolean) => {
    blocked = b;
    if (current === presence) conflictStore.set(b ? { id } : null);
  };
  const post = (type: Message["type"]) => channel?.postMessage({ type, id, tab: TAB } satisfies Message);
  if (channel) {
    channel.onmessage = (event: MessageEvent<Message>) => {
      const m = event.data;
      if (m.id !== id || m.tab === TAB) return;
      if (m.type === "open") post("here"); // a newer tab opened it: it must know this one is here
      if (m.type === "here" || m.type === "taken") set(true);
    };
  }
  const presence: Presence = {
    id,
    get blocked() {
      return blocked;
    },
    takeOver() {
      set(false);
      post("taken");
      takenOver();
    },
    block: () => set(true),
    close() {
      channel?.close();
      if (current === presence) {
        current = null;
        conflictStore.set(null);
      }
    },
  };
  current = presence;
  onTakeOver = () => presence.takeOver();
  conflictStore.set(null);
  post("open");
  return presence;
}

/** The banner's "Take over here". */
export function takeOverCurrent(): void {
  onTakeOver?.();
}
