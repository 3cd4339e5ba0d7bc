// Serves the built single-page app (dist/web, built by `npm run build:web`): hashed assets with
// long caching, index.html for every other non-API GET (client-side routing), and a plain page
// explaining how to build the app when dist/web is missing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { errorBody } from "./http-errors.ts";

const NOT_BUILT_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Oligoscope</title></head>
<body><h1>Oligoscope API is running</h1><p>The web app has not been built. Run <code>npm start</code>
(builds it, then serves) or <code>npm run build:web</code>, then reload. The API is under
<a href="/api/openapi.json">/api</a>.</p></body></html>`;

export async function registerStaticWeb(app: FastifyInstance, webRoot: string | undefined): Promise<void> {
  const built = webRoot !== undefined && existsSync(join(webRoot, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        if (path.includes("/assets/")) res.setHeader("cache-control", "public, max-age=31536000, immutable");
        else res.setHeader("cache-control", "no-cache");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (
      path.startsWith("/api/") ||
      path === "/api" ||
      (request.method !== "GET" && request.method !== "HEAD")
    ) {
      return reply.code(404).send(errorBody("not_found", `no route ${request.method} ${path}`));
    }
    if (/\.[A-Za-z0-9]{1,8}$/.test(path)) {
      return reply.code(404).type("text/plain; charset=utf-8").send("not found");
    }
    if (!built) return reply.code(200).type("text/html; charset=utf-8").send(NOT_BUILT_HTML);
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html");
  });
}
