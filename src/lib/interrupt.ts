// Cooperative interrupt: long loops (DataLoader iteration, training helpers) call checkInterrupt().

/** Thrown into user code when the user presses Interrupt; mirrors Python's KeyboardInterrupt. */
export class KeyboardInterrupt extends Error {
  constructor() {
    super("Interrupted by the user (the kernel keeps its state: variables and trained models are still there)");
    this.name = "KeyboardInterrupt";
  }
}

let check: () => boolean = () => false;

/** The kernel installs the test (e.g. reading a SharedArrayBuffer flag set by the page). */
export function setInterruptCheck(fn: () => boolean): void {
  check = fn;
}

/** Throws KeyboardInterrupt when an interrupt was requested. Cheap enough to call every batch. */
export function checkInterrupt(): void {
  if (check()) throw new KeyboardInterrupt();
}
