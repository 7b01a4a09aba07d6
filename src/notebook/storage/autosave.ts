// Debounced autosave of the open notebook: the newest document always stays in memory; a failed write is retried, never dropped.
import { isQuotaError } from "./store";
import type { NotebookDoc } from "../types";

export type SaveStatus = (
  | { kind: "saved" }
  | { kind: "pending" }
  /** The browser's storage is full; the newest state lives only in this tab until a write succeeds. */
  | { kind: "quota"; message: string }
  | { kind: "error"; message: string }
) & {
  /** When storage last confirmed a write (ms since the epoch); 0 before the first. */
  savedAt: number;
};

export interface AutosaveOptions {
  /** Quiet time after the last change before writing (outputs, metadata). */
  delayMs?: number;
  /** Quiet time after the last edit of the text (a cell's source, cells added, moved or deleted): typing is saved fast. */
  editDelayMs?: number;
  /** Upper bound on how long changes wait while they keep coming (a training loop streams outputs non-stop). */
  maxWaitMs?: number;
  /** After a failed write, try again this much later (and at every new change). */
  retryMs?: number;
}

/** True when `next` changes the notebook's text: a cell's source, or which cells there are and in what order. */
export function textEdited(prev: NotebookDoc | null, next: NotebookDoc): boolean {
  if (!prev || prev.cells.length !== next.cells.length) return true;
  return next.cells.some((c, i) => c !== prev.cells[i] && (c.id !== prev.cells[i].id || c.source !== prev.cells[i].source || c.type !== prev.cells[i].type));
}

export class Autosaver {
  private latest: NotebookDoc | null = null;
  private saved: NotebookDoc | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  /** Some change waiting to be written edits the text (saved after editDelayMs, not delayMs). */
  private editPending = false;
  /** Sources typed but not yet in a scheduled document (React renders them a task or two later). */
  private readonly edits = new Map<string, string>();
  private inFlight: Promise<void> | null = null;
  private disposed = false;
  private savedAt = 0;
  private readonly delayMs: number;
  private readonly editDelayMs: number;
  private readonly maxWaitMs: number;
  private readonly retryMs: number;

  /** `initial` is what storage already holds (or what needs no saving yet): scheduling it again writes nothing. */
  constructor(
    private readonly write: (doc: NotebookDoc) => Promise<void>,
    private readonly onStatus: (status: SaveStatus) => void,
    initial: NotebookDoc | null,
    options: AutosaveOptions = {},
  ) {
    this.saved = initial;
    this.delayMs = options.delayMs ?? 500;
    // Typing is saved within 100 ms of the last key (write included); a reload or a closed tab loses nothing.
    this.editDelayMs = options.editDelayMs ?? 50;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.retryMs = options.retryMs ?? 5000;
  }

  /** True while some change is not yet in storage. */
  get dirty(): boolean {
    return this.latest !== null && this.latest !== this.saved;
  }

  /** True while anything is unsaved, including a keystroke whose document has not been scheduled yet. */
  get unsaved(): boolean {
    return this.dirty || this.edits.size > 0;
  }

  /** The newest document with the sources noted by noteEdit applied: what a page-hide draft must hold. */
  get newest(): NotebookDoc | null {
    const doc = this.current;
    if (!doc || this.edits.size === 0) return doc;
    return { ...doc, cells: doc.cells.map((c) => (this.edits.has(c.id) ? { ...c, source: this.edits.get(c.id)! } : c)) };
  }

  /** Notes a cell's new source synchronously, as it is typed; the document that holds it is scheduled later. */
  noteEdit(cellId: string, source: string): void {
    if (!this.disposed) this.edits.set(cellId, source);
  }

  /** The newest document handed in, saved or not. */
  get current(): NotebookDoc | null {
    return this.latest ?? this.saved;
  }

  /** Notes a new version of the document; it is written after `delayMs` of quiet, or `maxWaitMs` at the latest. */
  schedule(doc: NotebookDoc): void {
    for (const [id, source] of this.edits) {
      const cell = doc.cells.find((c) => c.id === id);
      if (!cell || cell.source === source) this.edits.delete(id);
    }
    const previous = this.latest ?? this.saved;
    if (this.disposed || doc === previous) return;
    const wasClean = !this.dirty;
    this.latest = doc;
    if (wasClean) {
      this.firstPendingAt = Date.now();
      this.onStatus({ kind: "pending", savedAt: this.savedAt });
    }
    // A stream of outputs keeps the longer delay (one write per maxWait); an edit after it shortens the wait.
    this.editPending ||= textEdited(previous, doc);
    const delay = this.editPending ? this.editDelayMs : this.delayMs;
    const wait = Math.max(0, Math.min(delay, this.firstPendingAt + this.maxWaitMs - Date.now()));
    this.arm(wait);
  }

  /** Writes the newest document now (page hide, switching notebooks); resolves when storage has it or the write failed. */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight) await this.inFlight;
    if (this.disposed || !this.dirty) return;
    const doc = this.latest!;
    this.editPending = false;
    this.inFlight = this.write(doc).then(
      () => {
        this.saved = doc;
        this.savedAt = Date.now();
        this.onStatus({ kind: this.dirty ? "pending" : "saved", savedAt: this.savedAt });
        // Changes that arrived while writing start a new wait, so a stream of outputs is written every maxWait, not back to back.
        if (this.dirty) {
          this.firstPendingAt = Date.now();
          this.arm(this.editPending ? this.editDelayMs : this.delayMs);
        }
      },
      (e: unknown) => {
        const message = (e as Error)?.message ?? String(e);
        this.onStatus({ kind: isQuotaError(e) ? "quota" : "error", message, savedAt: this.savedAt });
        this.arm(this.retryMs);
      },
    );
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  /** Stops saving (the notebook was deleted or closed); waits for a write already under way. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearTimer();
    while (this.inFlight) await this.inFlight;
  }

  private arm(ms: number): void {
    this.clearTimer();
    if (this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
