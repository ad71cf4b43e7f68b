// A tiny static file server for the built playground (no dependency beyond Node): GET and HEAD of
// files under one directory, on 127.0.0.1. Used by `pnpm playground` and by the browser test.
// Usage: node playground/scripts/serve.mjs [--port N] [--no-build]   (default port 4173; 0: any free)
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground, OUT_DIR } from "./build.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serve `dir` on 127.0.0.1:`port` (0: a free port). Resolves to the server and its base URL.
 * Paths outside `dir` and missing files answer 404; "/" serves index.html.
 */
export function serveDirectory(dir, port = 0) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      const file = normalize(join(dir, pathname.endsWith("/") ? `${pathname}index.html` : pathname));
      if (!file.startsWith(dir + sep) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain" }).end("bad request");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, url: `http://localhost:${address.port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf("--port");
  const port = portAt >= 0 ? Number(args[portAt + 1]) : Number(process.env.PORT ?? 4173);
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) {
    console.error(
      `serve: --port must be an integer from 0 to 65535, got ${args[portAt + 1] ?? process.env.PORT}`,
    );
    process.exit(2);
  }
  if (!args.includes("--no-build")) await buildPlayground();
  try {
    const { url } = await serveDirectory(OUT_DIR, port);
    console.log(`Liouville playground: ${url}  (Ctrl-C stops the server)`);
  } catch (error) {
    console.error(`serve: cannot listen on port ${port}: ${error.message} (try --port 0 for a free one)`);
    process.exit(1);
  }
}
