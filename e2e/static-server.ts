// A plain static file server for the e2e specs of the built site: files, Content-Type and validators only, no COOP/COEP,
// no CSP, like GitHub Pages or `python3 -m http.server`. Serves `dir` under `prefix` ("/" or "/gradbook/").
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".ttf": "font/ttf",
  ".gz": "application/gzip",
};

export interface StaticServer {
  /** The site's URL, ending in the prefix ("http://127.0.0.1:4318/gradbook/"). */
  url: string;
  /** Paths requested so far (for the specs to check what went over the network). */
  requests: string[];
  /** Bytes of file bodies sent so far. */
  bytes(): number;
  /** While down, every request is cut off unanswered, like a host that is unreachable. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startStaticServer(dir: string, port: number, prefix = "/"): Promise<StaticServer> {
  const requests: string[] = [];
  let sent = 0;
  let down = false;
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(pathname);
    if (down) return void req.socket.destroy();
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end(`not under ${prefix}\n`);
      return;
    }
    let file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = path.join(file, "index.html");
      const st = statSync(file);
      // Validators, as every real static host sends them (a revalidation is a 304, not the file again).
      const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { ETag: etag }).end();
      sent += st.size;
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Content-Length": String(st.size),
        ETag: etag,
        "Last-Modified": new Date(st.mtimeMs).toUTCString(),
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end(`${pathname} not found\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    requests,
    bytes: () => sent,
    setDown: (d) => void (down = d),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
