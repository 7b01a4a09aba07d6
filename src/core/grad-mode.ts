// Grad mode: noGrad / enableGrad scopes, saved and restored in try/finally (torch.no_grad).

let enabled = true;

/** True when ops record the autograd graph. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Sets grad mode and returns the previous value. */
export function setGradEnabled(on: boolean): boolean {
  const prev = enabled;
  enabled = on;
  return prev;
}

/**
 * Runs `fn` without recording gradients, like `with torch.no_grad():`.
 * Works with async functions too (the mode is restored when the promise settles).
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with gradient recording on, even inside noGrad (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

function withGradMode<T>(on: boolean, fn: () => T): T {
  const prev = setGradEnabled(on);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    setGradEnabled(prev);
    throw e;
  }
  if (result instanceof Promise) {
    return result.finally(() => setGradEnabled(prev)) as T;
  }
  setGradEnabled(prev);
  return result;
}
