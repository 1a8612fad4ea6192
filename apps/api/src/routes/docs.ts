import { createRequire } from "node:module";
import { dirname } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";
import { cachedFiles, DOCS_CSP, securityHeaders } from "../headers.ts";

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>Jindu API · 进度接口文档</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

// A file, not an inline script, so that the page's policy can stay script-src 'self'.
const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });`;

/** A human-readable page for /openapi.json, served from the swagger-ui-dist package (no CDN). */
export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.use("/docs", securityHeaders(DOCS_CSP));
  app.use("/docs/*", securityHeaders(DOCS_CSP));
  app.get("/docs", (c) => c.html(PAGE));
  app.get("/docs/init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.use(
    "/docs/assets/*",
    // Not hashed: a new swagger-ui-dist keeps the names, so browsers revalidate.
    cachedFiles(
      serveStatic({ root: SWAGGER_DIR, rewriteRequestPath: (path) => path.replace(/^\/docs\/assets/, "") }),
      () => "no-cache",
    ),
  );
}
