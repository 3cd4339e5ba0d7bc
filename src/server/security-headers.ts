// Security headers (helmet) with a Content-Security-Policy fit for the built SPA: scripts and
// styles only from this origin (inline style attributes are allowed for the SVG charts that
// Observable Plot draws), no framing, no plugins. HSTS and upgrade-insecure-requests only when
// the server is reached over https (otherwise they would break http://127.0.0.1).
// The header set does not depend on the request, so helmet computes it ONCE at start (it parses
// the CSP directives each time its middleware is built; @fastify/helmet built it per request) and
// one synchronous onRequest hook copies the frozen list onto every reply (docs/benchmarks.md,
// "Patient page on several cores").
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

export function securityHeaderOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "no-referrer" },
  };
}

/** The headers helmet sets for these options, as [lower-case name, value] pairs in helmet's order. */
export function computeSecurityHeaders(https: boolean): readonly (readonly [string, string])[] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name.toLowerCase(), String(value)]);
    },
    removeHeader() {
      // X-Powered-By: Node's http server never sets it
    },
  };
  let failure: unknown;
  helmet(securityHeaderOptions(https))(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (err?: unknown) => {
      failure = err;
    },
  );
  if (failure) throw failure;
  return Object.freeze(headers.map((h) => Object.freeze(h)));
}

export function registerSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const headers = computeSecurityHeaders(https);
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of headers) reply.header(name, value);
    done();
  });
}
