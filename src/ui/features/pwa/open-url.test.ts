// Tests for open-url.ts: which ?open= URLs are accepted, and the download's errors.
import { describe, expect, it } from "vitest";
import { downloadNotebook, fileNameOf, parseOpenUrl } from "./open-url";

const ORIGIN = "http://127.0.0.1:4308";

describe("parseOpenUrl", () => {
  it("accepts https and this site's own URLs, refuses others with the reason", () => {
    expect(parseOpenUrl("?notebook=x", ORIGIN)).toBeNull();
    expect(parseOpenUrl("?open=https%3A%2F%2Fex.org%2Fa%2Fnb.ipynb", ORIGIN)).toEqual({ url: new URL("https://ex.org/a/nb.ipynb") });
    expect(parseOpenUrl("?open=/course/nb.ipynb", ORIGIN)).toEqual({ url: new URL(`${ORIGIN}/course/nb.ipynb`) });
    expect(parseOpenUrl("?open=http://ex.org/nb.ipynb", ORIGIN)).toEqual({ error: expect.stringMatching(/is not an https:\/\/ URL/) });
    expect(parseOpenUrl("?open=javascript:alert(1)", ORIGIN)).toEqual({ error: expect.stringMatching(/is not an https:\/\/ URL/) });
    expect(parseOpenUrl("?open=http://[bad", ORIGIN)).toEqual({ error: expect.stringMatching(/is not a URL/) });
  });

  it("names the file after the URL's path", () => {
    expect(fileNameOf(new URL("https://ex.org/a/My%20nb.ipynb?x=1"))).toBe("My nb.ipynb");
    expect(fileNameOf(new URL("https://ex.org/"))).toBe("notebook.ipynb");
  });
});

describe("downloadNotebook", () => {
  const url = new URL("https://ex.org/nb.ipynb");
  it("returns the body as a File, without credentials, in CORS mode", async () => {
    let init: RequestInit | undefined;
    const file = await downloadNotebook(url, (async (_u: string, i?: RequestInit) => ((init = i), new Response('{"cells":[]}'))) as typeof fetch);
    expect(file.name).toBe("nb.ipynb");
    expect(await file.text()).toBe('{"cells":[]}');
    expect(init).toMatchObject({ mode: "cors", credentials: "omit" });
  });

  it("explains CORS/network failures, HTTP errors and oversize files", async () => {
    const fail = (async () => Promise.reject(new TypeError("Failed to fetch"))) as typeof fetch;
    await expect(downloadNotebook(url, fail)).rejects.toThrow(/CORS: it must send Access-Control-Allow-Origin/);
    await expect(downloadNotebook(url, (async () => new Response("", { status: 404 })) as typeof fetch)).rejects.toThrow(/HTTP 404/);
    const big = (async () => new Response("x", { headers: { "Content-Length": String(300e6) } })) as typeof fetch;
    await expect(downloadNotebook(url, big)).rejects.toThrow(/over the .* MB limit/);
  });
});
