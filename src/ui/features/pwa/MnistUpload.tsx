// Upload of the MNIST files (button in the status bar, or drop them on the page): the kernel checks and keeps them.
import { useEffect, useRef, useState } from "react";
import type { KernelClient } from "../../../kernel/client/client";
import { useLang } from "../../i18n/lang";
import { PWA_STRINGS } from "./strings";

/** Files that look like MNIST (`train-images-idx3-ubyte`, `t10k-labels.idx1-ubyte.gz`, any other .gz), not a notebook. */
export function looksLikeMnist(files: File[]): boolean {
  return files.length > 0 && files.every((f) => /idx[13]|ubyte/i.test(f.name) || /\.gz$/i.test(f.name));
}

type Notice = { ok: boolean; text: string } | null;
let notice: Notice = null;
const listeners = new Set<(n: Notice) => void>();
function show(n: Notice): void {
  notice = n;
  for (const l of listeners) l(n);
}

/** Sends the files to the kernel; the outcome shows in the MNIST notice (kept names, or the error and nothing kept). */
export async function uploadMnist(client: KernelClient, files: File[], storedText: (names: string) => string): Promise<void> {
  const payload = await Promise.all(files.map(async (f) => ({ name: f.name, buffer: await f.arrayBuffer() })));
  const outcome = await client.importMnist(payload);
  show(outcome.ok ? { ok: true, text: storedText(outcome.message) } : { ok: false, text: outcome.message });
}

export function MnistUploadButton({ client }: { client: KernelClient }) {
  const t = PWA_STRINGS[useLang().lang];
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="gb-mnist-upload" data-testid="mnist-upload" title={t.mnistUploadTitle} onClick={() => input.current?.click()}>
        {t.mnistUpload}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="mnist-upload-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          if (files.length) void uploadMnist(client, files, t.mnistStored);
        }}
      />
    </>
  );
}

export function MnistNotice() {
  const [n, setN] = useState<Notice>(notice);
  useEffect(() => {
    listeners.add(setN);
    return () => void listeners.delete(setN);
  }, []);
  if (!n) return null;
  return (
    <div className={`gb-pwa-notice${n.ok ? "" : " gb-pwa-error"}`} role={n.ok ? "status" : "alert"} data-testid="mnist-upload-result" data-ok={n.ok}>
      <span>{n.text}</span>
      <button type="button" aria-label="Dismiss" onClick={() => show(null)}>
        ×
      </button>
    </div>
  );
}
