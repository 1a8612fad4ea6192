import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";
import { ErrorBody, errorBody } from "../errors.ts";

export const HealthResponse = z.object({ status: z.literal("ok") });

export const healthzRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["ops"],
  summary: "The process is up",
  responses: { 200: { content: { "application/json": { schema: HealthResponse } }, description: "Up" } },
});

export const readyzRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["ops"],
  summary: "The store answers",
  responses: {
    200: { content: { "application/json": { schema: HealthResponse } }, description: "Ready" },
    503: { content: { "application/json": { schema: ErrorBody } }, description: "Not ready" },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(healthzRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyzRoute, async (c) => {
    const ok = await c
      .get("ctx")
      .store.ping()
      .catch(() => false);
    if (!ok) return c.json(errorBody(c, "UNAVAILABLE", { en: "Store unreachable", zh: "数据存储不可用" }), 503);
    return c.json({ status: "ok" as const }, 200);
  });
}
