import { createRequire } from "node:module";
import { dirname } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";

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
  <script>window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });</script>
</body>
</html>`;

/** A human-readable page for /openapi.json, served from the swagger-ui-dist package (no CDN). */
export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.get("/docs", (c) => c.html(PAGE));
  app.use(
    "/docs/assets/*",
    serveStatic({ root: SWAGGER_DIR, rewriteRequestPath: (path) => path.replace(/^\/docs\/assets/, "") }),
  );
}
