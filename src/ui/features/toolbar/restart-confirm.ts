// Whether Restart asks first (Jupyter's confirm dialog); "don't ask again" is remembered in localStorage.
const KEY = "gradbook.confirmRestart";

/** True unless the learner ticked "don't ask again". */
export function shouldAskRestart(storage: Pick<Storage, "getItem"> | undefined = safeStorage()): boolean {
  try {
    return storage?.getItem(KEY) !== "no";
  } catch {
    return true;
  }
}

export function stopAskingRestart(storage: Pick<Storage, "setItem"> | undefined = safeStorage()): void {
  try {
    storage?.setItem(KEY, "no");
  } catch {
    // storage disabled: it asks again next time
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
