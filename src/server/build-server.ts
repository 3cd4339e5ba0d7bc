// Composition root of the HTTP server: plugins (cookies, security headers, rate limit, multipart,
// OpenAPI), the session hook, every route module, the error handler and the SPA.
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { type AppContext, resolveSession } from "../app/index.ts";
import { installErrorHandler, RateLimitedError } from "./http-errors.ts";
import { sharedLoginRateStore } from "./login-rate-store.ts";
import { responseDocs } from "./route-kit.ts";
import { registerAdminRoutes } from "./routes/admin-routes.ts";
import { registerAnalyticsRoutes } from "./routes/analytics-routes.ts";
import { type LoginRateLimit, registerAuthRoutes, SESSION_COOKIE } from "./routes/auth-routes.ts";
import { registerCohortRoutes } from "./routes/cohort-routes.ts";
import { registerMetaRoutes } from "./routes/meta-routes.ts";
import { registerPatientRoutes } from "./routes/patient-routes.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { registerStaticWeb } from "./static-web.ts";

export type ServerOptions = {
  readonly ctx: AppContext;
  /** folder of the built SPA (dist/web); undefined = API only */
  readonly webRoot?: string | undefined;
  /** Secure cookie flag: true behind https, "auto" = when the connection is TLS (default false) */
  readonly secureCookies?: boolean | "auto";
  /** honour X-Forwarded-* from a reverse proxy (client IP for audit and rate limit) */
  readonly trustProxy?: boolean;
  /** pino logger options, or false for none (tests) */
  readonly logger?: FastifyServerOptions["logger"];
  /** login attempts per window per client IP + username (default 5 per minute) */
  readonly loginRateLimit?: LoginRateLimit;
  /** largest plan-check upload file in bytes (default 512 MiB) */
  readonly uploadLimitBytes?: number;
};

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { max: 5, timeWindowMs: 60_000 };
const JSON_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const DEFAULT_UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // request ids in logs and 500 messages; no client-supplied ids
    genReqId: (() => {
      let n = 0;
      return () => `r${(++n).toString(36)}`;
    })(),
  });
  // JSON schemas on routes document the API (OpenAPI); Zod validates (route-kit.ts)
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  installErrorHandler(app);

  const secureCookies = options.secureCookies ?? false;
  await app.register(cookie);
  registerSecurityHeaders(app, secureCookies === true);
  await app.register(rateLimit, {
    global: false,
    hook: "preHandler",
    // counts in the database: one limit across every server process (serve --workers)
    store: sharedLoginRateStore(ctx, (options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT).timeWindowMs),
    errorResponseBuilder: (_req, context) => new RateLimitedError(context.after),
  });
  await app.register(multipart, {
    limits: {
      fileSize: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES,
      files: 3,
      fields: 10,
      parts: 20,
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Oligoscope API",
        version: "0.1.0",
        description:
          "Registry, ESTRO/EORTC 2020 classification, plan check and survival analytics for oligometastatic disease. " +
          "Log in with POST /api/auth/login; send the returned csrfToken as x-csrf-token on every POST/PUT/PATCH/DELETE.",
      },
      components: {
        securitySchemes: { sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } },
      },
    },
    transform: ({ schema, url, route }) => {
      const docs = (route.config as { docResponses?: Parameters<typeof responseDocs>[0] } | undefined)
        ?.docResponses;
      const response = responseDocs(docs);
      return { schema: response ? { ...schema, response } : schema, url };
    },
  });

  app.decorateRequest("oligoscopeSession", undefined);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.oligoscopeSession = await resolveSession(ctx, token);
  });

  const cookiePolicy = { secure: secureCookies };
  registerMetaRoutes(app, ctx);
  registerAuthRoutes(app, ctx, cookiePolicy, options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT);
  registerAdminRoutes(app, ctx);
  registerPatientRoutes(app, ctx);
  registerCohortRoutes(app, ctx);
  registerAnalyticsRoutes(app, ctx);
  await registerStaticWeb(app, options.webRoot);
  return app;
}
