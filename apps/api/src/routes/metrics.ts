import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.ts";
import type { AppEnv } from "../context.ts";

const metricsRoute = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["ops"],
  summary: "Prometheus metrics: request latency, ingest counts, stream clients, consumer lag",
  description: "Admins only (source names are labels): scrape with the service token as a bearer.",
  security: [{ serviceToken: [] }, { sessionToken: [] }],
  responses: { 200: { content: { "text/plain": { schema: z.string() } }, description: "Prometheus text format" } },
});

export function registerMetrics(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath(metricsRoute);
  app.get("/metrics", requireRole("admin"), async (c) => {
    const { metrics, live, consumerLag } = c.get("ctx");
    metrics.streamClients.set(live.clients);
    const lag = await consumerLag().catch(() => null);
    if (lag) metrics.consumerLag.set({ group: lag.group }, lag.messages);
    c.header("content-type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
