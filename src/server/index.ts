// server layer: the Fastify adapter. See src/server/README.md.
export type { ServerOptions } from "./build-server.ts";
export { buildServer, DEFAULT_LOGIN_RATE_LIMIT } from "./build-server.ts";
export { SESSION_COOKIE } from "./routes/auth-routes.ts";
