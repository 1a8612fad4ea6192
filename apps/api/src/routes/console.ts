import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";
import { cachedFiles, IMMUTABLE } from "../headers.ts";

/** The API's own namespace: never answered with the console, so a wrong path gets a JSON 404. */
const isApiPath = (path: string) => path === "/v1" || path.startsWith("/v1/");
const isAsset = (path: string) => path.startsWith("/assets/");

/**
 * The built console (embedded mode): its files, and index.html for any other page path (the
 * console routes in the browser). Hashed assets are kept for good; index.html is revalidated so a
 * new build is picked up at once.
 */
export function registerConsole(app: OpenAPIHono<AppEnv>, dir: string) {
  const files = cachedFiles(serveStatic({ root: dir }), (c) => (isAsset(c.req.path) ? IMMUTABLE : "no-cache"));
  const index = cachedFiles(serveStatic({ root: dir, path: "index.html" }), () => "no-cache");
  app.use("/*", (c, next) => (isApiPath(c.req.path) ? next() : files(c, next)));
  // A missing asset is a 404, not a page: the browser asked for a script or a stylesheet.
  app.get("/*", (c, next) => (isApiPath(c.req.path) || isAsset(c.req.path) ? next() : index(c, next)));
}
