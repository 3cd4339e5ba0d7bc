// Admin: user accounts and audit-log verification.
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { type AppContext, addUser, listUsers, recentAuditEntries, verifyAudit } from "../../app/index.ts";
import { addRoute } from "../route-kit.ts";

const userView = z.object({
  username: z.string(),
  role: z.enum(["admin", "clinician", "researcher"]),
  siteId: z.string().nullable(),
  createdAt: z.string(),
  disabled: z.boolean(),
});

export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  addRoute(app, {
    method: "GET",
    url: "/api/users",
    access: "users.manage",
    summary: "List user accounts",
    tags: ["admin"],
    response: { 200: { description: "accounts", schema: z.object({ items: z.array(userView) }) } },
    handler: async ({ caller }) => ({ items: await listUsers(ctx, caller) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/api/users",
    access: "users.manage",
    summary: "Create a user account",
    description:
      "Password at least 12 characters, not containing the username. Clinicians need a siteId; researchers have none.",
    tags: ["admin"],
    body: z.strictObject({
      username: z.string(),
      password: z.string(),
      role: z.string(),
      siteId: z.string().nullable().optional(),
    }),
    response: {
      201: { description: "created", schema: z.object({ user: userView }) },
      409: { description: "username taken" },
    },
    handler: async ({ caller, body, reply }) => {
      const user = await addUser(ctx, caller, body);
      reply.code(201);
      return { user };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/api/audit/verify",
    access: "audit.verify",
    summary: "Verify the audit log's hash chain",
    tags: ["admin"],
    response: {
      200: {
        description: "verification result",
        schema: z.object({
          ok: z.boolean(),
          entries: z.number(),
          firstBadEntry: z.number().nullable(),
          reason: z.string().nullable(),
          headHash: z.string(),
        }),
      },
    },
    handler: async ({ caller }) => verifyAudit(ctx, caller),
  });

  addRoute(app, {
    method: "GET",
    url: "/api/audit/entries",
    access: "audit.verify",
    summary: "Most recent audit entries (optionally for one resource, e.g. patient:P-001)",
    tags: ["admin"],
    query: z.object({
      resource: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    handler: async ({ caller, query }) => ({
      items: await recentAuditEntries(ctx, caller, {
        limit: query.limit,
        ...(query.resource !== undefined ? { resource: query.resource } : {}),
      }),
    }),
  });
}
