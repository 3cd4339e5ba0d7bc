// Vite 8 build of the browser app (src/web -> dist/web). No React plugin: Vite's own Oxc
// transform compiles TSX with React 19's automatic JSX runtime (docs/decisions/0005-web-app-build-and-routing.md).
// Dev: `npm run dev:web` proxies /api to the server given by OLIGOSCOPE_API (default :3000).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // the largest chunk is React + the core model (Zod); pages are split with React.lazy
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { "/api": process.env["OLIGOSCOPE_API"] ?? "http://127.0.0.1:3000" },
  },
});
