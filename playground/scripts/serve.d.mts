import type { Server } from "node:http";

/** Serve `dir` on 127.0.0.1:`port` (0: a free port); resolves to the server and its base URL. */
export function serveDirectory(dir: string, port?: number): Promise<{ server: Server; url: string }>;
