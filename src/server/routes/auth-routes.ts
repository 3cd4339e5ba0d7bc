// Login, logout, current user. The session token travels only in the HttpOnly SameSite=Strict
// cookie; the CSRF token is returned in the body for the client to send as x-csrf-token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod";
import { type AppContext, login, logout } from "../../app/index.ts";
import { addRoute } from "../route-kit.ts";

export const SESSION_COOKIE = "oligoscope_session";

export type CookiePolicy = { readonly secure: boolean | "auto" };

export type LoginRateLimit = { readonly max: number; readonly timeWindowMs: number };

const userSchema = z.object({
  username: z.string(),
  role: z.enum(["admin", "clinician", "researcher"]),
  siteId: z.string().nullable(),
});
const sessionResponse = z.object({ user: userSchema, csrfToken: z.string() });

const loginBody = z.strictObject({
  username: z.string().min(1, { error: "username is required" }).max(128),
  password: z.string().min(1, { error: "password is required" }).max(1024),
});

export function cookieOptions(policy: CookiePolicy) {
  return { path: "/", httpOnly: true, sameSite: "strict" as const, secure: policy.secure };
}

/** Rate-limit key for login: client IP + the username tried (lower-case). */
export function loginRateKey(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | undefined;
  const username = typeof body?.username === "string" ? body.username.toLowerCase().slice(0, 128) : "";
  return `${request.ip}|${username}`;
}

export function registerAuthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  cookies: CookiePolicy,
  rateLimit: LoginRateLimit,
): void {
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieOptions(cookies));

  addRoute(app, {
    method: "POST",
    url: "/api/auth/login",
    access: "public",
    csrf: false,
    summary: "Log in with username and password",
    description: `Sets the HttpOnly session cookie ${SESSION_COOKIE}. Limited to ${rateLimit.max} attempts per ${rateLimit.timeWindowMs / 1000} s per client IP and username (429).`,
    tags: ["auth"],
    body: loginBody,
    response: {
      200: { description: "logged in", schema: sessionResponse },
      401: { description: "wrong username or password" },
    },
    options: {
      config: {
        rateLimit: { max: rateLimit.max, timeWindow: rateLimit.timeWindowMs, keyGenerator: loginRateKey },
      },
    },
    handler: async ({ body, request, reply }) => {
      const previous = request.oligoscopeSession;
      const result = await login(ctx, { username: body.username, password: body.password, ip: request.ip });
      if (previous) {
        // a new login replaces the old session (no session fixation)
        await logout(ctx, { actor: previous.actor, ip: request.ip }, previous.sessionId);
      }
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(cookies));
      return { user: result.user, csrfToken: result.csrfToken };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/api/auth/logout",
    access: "session",
    summary: "Log out (ends the session)",
    tags: ["auth"],
    response: { 204: { description: "logged out" } },
    handler: async ({ caller, session, reply }) => {
      if (session) await logout(ctx, caller, session.sessionId);
      clearCookie(reply);
      return reply.code(204).send();
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/api/auth/me",
    access: "session",
    summary: "The logged-in user and the session's CSRF token",
    tags: ["auth"],
    response: {
      200: { description: "logged in", schema: sessionResponse },
      401: { description: "not logged in" },
    },
    handler: async ({ session }) => ({ user: session?.user, csrfToken: session?.csrfToken }),
  });
}
