// The dependency rule of docs/architecture.md: imports point down the layer list only.
// stats < core < interop / store < app < server, cli ; web uses core, stats and its own client.
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name) => `^src/${name}/`;
const forbidden = [
  {
    name: "stats-is-pure",
    comment: "stats imports nothing outside itself (no node:*, no npm packages, no other layer)",
    severity: "error",
    from: { path: layer("stats") },
    to: { pathNot: [layer("stats")] },
  },
  {
    name: "core-only-stats-and-zod",
    comment:
      "core may import stats and zod only (no node:*, no DOM libraries, no I/O) - see docs/decisions/0002",
    severity: "error",
    from: { path: layer("core") },
    to: { pathNot: [layer("core"), layer("stats"), "^node_modules/zod/"] },
  },
  {
    name: "interop-no-io",
    comment:
      "interop converts bytes/JSON to core values; no store/app/server/cli/web, no file or network I/O",
    severity: "error",
    from: { path: layer("interop") },
    to: {
      path: [
        layer("store"),
        layer("app"),
        layer("server"),
        layer("cli"),
        layer("web"),
        "^(node:)?(fs|net|http|https|child_process)",
      ],
    },
  },
  {
    name: "store-layering",
    severity: "error",
    from: { path: layer("store") },
    to: { path: [layer("interop"), layer("app"), layer("server"), layer("cli"), layer("web")] },
  },
  {
    name: "app-no-adapters",
    comment: "app holds use cases; no HTTP or CLI frameworks",
    severity: "error",
    from: { path: layer("app") },
    to: {
      path: [layer("server"), layer("cli"), layer("web"), "^node_modules/(fastify|commander|@fastify)/"],
    },
  },
  {
    name: "server-not-cli",
    severity: "error",
    from: { path: layer("server") },
    to: { path: [layer("cli"), layer("web"), layer("interop")] },
  },
  {
    name: "cli-not-server",
    comment: "only the serve command starts the HTTP server - see docs/decisions/0004",
    severity: "error",
    from: { path: layer("cli"), pathNot: "^src/cli/commands/serve\\.ts$" },
    to: { path: [layer("server"), layer("web"), layer("interop")] },
  },
  {
    name: "web-is-browser",
    comment: "web bundles core and stats only, plus its own API client",
    severity: "error",
    from: { path: layer("web") },
    to: {
      path: [
        layer("interop"),
        layer("store"),
        layer("app"),
        layer("server"),
        layer("cli"),
        "^node:",
        "^(fs|path|os|child_process)$",
      ],
    },
  },
  {
    name: "cross-layer-through-index",
    comment: "across layers, import the other layer's index.ts",
    severity: "error",
    from: { path: "^src/([^/]+)/" },
    to: { path: "^src/([^/]+)/.+", pathNot: ["^src/$1/", "^src/[^/]+/index\\.ts$"] },
  },
  {
    name: "no-circular",
    severity: "error",
    from: {},
    to: { circular: true },
  },
];
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.tsx?$" },
  },
};
