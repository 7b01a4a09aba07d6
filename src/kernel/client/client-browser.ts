// Page helpers of the kernel client: saving a file the kernel sent, and the backend asked for in the URL.
import type { BackendChoice } from "../protocol";

/** Saves bytes as a file through a temporary `<a download>`. */
export function saveWithAnchor(filename: string, mime: string, buffer: ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([buffer], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `?backend=webgpu|webgl|fastcpu|wasm|cpu` picks a backend; anything else means `auto`. */
export function backendFromSearch(search: string): BackendChoice {
  const value = new URLSearchParams(search).get("backend");
  return value === "webgpu" || value === "webgl" || value === "fastcpu" || value === "wasm" || value === "cpu" ? value : "auto";
}
