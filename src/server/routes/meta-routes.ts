// Health and the OpenAPI document.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/index.ts";
import { pingDatabase } from "../../store/index.ts";
import { errorBody } from "../http-errors.ts";
import { addRoute } from "../route-kit.ts";

export function registerMetaRoutes(app: FastifyInstance, ctx: AppContext): void {
  addRoute(app, {
    method: "GET",
    url: "/api/health",
    access: "public",
    summary: "Liveness and database reachability",
    tags: ["meta"],
    handler: async ({ reply }) => {
      try {
        await pingDatabase(ctx.store.db);
      } catch {
        return reply.code(503).send(errorBody("database_unavailable", "the database does not answer"));
      }
      return { ok: true, database: ctx.store.dialect };
    },
  });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
