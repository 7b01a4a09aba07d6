// `?open=<url>`: which URLs may be opened, and the download (CORS, no credentials, size-capped) of the notebook there.

/** Same cap as a picked file (notebook/storage/import.ts checks it again). */
const MAX_BYTES = 200 * 1024 * 1024;

/** The URL to open, or an error saying why not: https only (the page's CSP allows no other origin over http). */
export function parseOpenUrl(search: string, pageOrigin: string): { url: URL } | { error: string } | null {
  const raw = new URLSearchParams(search).get("open");
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw, pageOrigin);
  } catch {
    return { error: `"${raw}" is not a URL; use ?open=https://host/path/notebook.ipynb` };
  }
  if (url.protocol !== "https:" && url.origin !== pageOrigin) {
    return { error: `${url.href} is not an https:// URL; only https notebooks (or this site's own) can be opened` };
  }
  return { url };
}

/** The file name a URL's path ends in (`nb.ipynb`), else `notebook.ipynb`. */
export function fileNameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split("/").pop() ?? "");
  return last || "notebook.ipynb";
}

/** Downloads the notebook as a File for the library's usual checks; errors say what went wrong (CORS, HTTP, size). */
export async function downloadNotebook(url: URL, fetchImpl: typeof fetch = fetch): Promise<File> {
  let res: Response;
  try {
    res = await fetchImpl(url.href, { mode: "cors", credentials: "omit", redirect: "follow" });
  } catch (e) {
    throw new Error(
      `the download failed (${(e as Error).message}): the site may be offline, or it does not allow other sites to read ` +
        `the file (CORS: it must send Access-Control-Allow-Origin). Download the .ipynb yourself and drop it on the page.`,
    );
  }
  if (!res.ok) throw new Error(`the site answered HTTP ${res.status}`);
  const declared = Number(res.headers.get("Content-Length") ?? 0);
  if (declared > MAX_BYTES) throw new Error(`it is ${(declared / 1e6).toFixed(0)} MB, over the ${MAX_BYTES / 1e6} MB limit`);
  const blob = await res.blob();
  if (blob.size > MAX_BYTES) throw new Error(`it is ${(blob.size / 1e6).toFixed(0)} MB, over the ${MAX_BYTES / 1e6} MB limit`);
  return new File([blob], fileNameOf(url), { type: "application/x-ipynb+json" });
}
