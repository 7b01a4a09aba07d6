// Tests for mnist-plugin.ts: the middleware over a real local HTTP server (loopback only), headers and 404s.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMnistMiddleware, mnistPlugin } from "./mnist-plugin";

const SHARED_DIR = fileURLToPath(new URL("../../shared/mnist/", import.meta.url));
const NAME = "t10k-labels-idx1-ubyte.gz";

let server: Server;
let base: string;
beforeAll(async () => {
  const middleware = createMnistMiddleware(() => ({
    root: "/nonexistent/project",
    env: { GRADBOOK_MNIST_DIR: SHARED_DIR },
    fetchImpl: () => Promise.reject(new Error("tests never download")),
  }));
  server = createServer((req, res) =>
    middleware(req, res, (err) => {
      res.statusCode = err ? 500 : 418; // 418 marks "passed to the next middleware"
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("mnist middleware", () => {
  it("serves a file with length, type, CORP and cache headers", async () => {
    const res = await fetch(`${base}/mnist/${NAME}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("content-length")).toBe("4542");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(res.headers.get("cache-control")).toMatch(/max-age/);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(SHARED_DIR + NAME))).toBe(true);

    const cached = await fetch(`${base}/mnist/${NAME}`, { headers: { "If-None-Match": res.headers.get("etag")! } });
    expect(cached.status).toBe(304);
  });

  it("answers HEAD without a body", async () => {
    const res = await fetch(`${base}/mnist/${NAME}`, { method: "HEAD" });
    expect([res.status, res.headers.get("content-length")]).toEqual([200, "4542"]);
  });

  it("answers 404 with a clear text body for unknown names", async () => {
    const res = await fetch(`${base}/mnist/cifar10.tar.gz`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/Unknown MNIST file "cifar10\.tar\.gz"\. This server serves only: train-images/);
  });

  it("refuses other methods and leaves other paths to the next middleware", async () => {
    expect((await fetch(`${base}/mnist/${NAME}`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${base}/index.html`)).status).toBe(418);
  });
});

describe("mnistPlugin", () => {
  it("hooks dev and preview servers, and emits the files into the build (vite/sw-plugin.test.ts checks which)", () => {
    const plugin = mnistPlugin();
    expect(plugin.configureServer).toBeTypeOf("function");
    expect(plugin.configurePreviewServer).toBeTypeOf("function");
    expect(plugin.generateBundle).toBeTypeOf("function");
    for (const hook of ["writeBundle", "buildStart", "load", "transform"] as const) {
      expect(plugin[hook], hook).toBeUndefined();
    }
  });
});
