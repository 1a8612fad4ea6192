import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";

export const metricsRoute = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["ops"],
  summary: "Prometheus metrics: request latency, ingest counts, stream clients, consumer lag",
  responses: { 200: { content: { "text/plain": { schema: z.string() } }, description: "Prometheus text format" } },
});

export function registerMetrics(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath(metricsRoute);
  app.get("/metrics", async (c) => {
    const { metrics, live, consumerLag } = c.get("ctx");
    metrics.streamClients.set(live.clients);
    const lag = await consumerLag().catch(() => null);
    if (lag) metrics.consumerLag.set({ group: lag.group }, lag.messages);
    c.header("content-type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
