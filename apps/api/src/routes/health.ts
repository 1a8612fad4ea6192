import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { describeStoreError } from "@jindu/store";
import type { AppContext, AppEnv } from "../context.ts";
import { ErrorBody, errorBody, RETRY_AFTER_SECONDS } from "../errors.ts";

const HealthResponse = z.object({ status: z.literal("ok") });

const healthzRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["ops"],
  summary: "The process is up",
  responses: { 200: { content: { "application/json": { schema: HealthResponse } }, description: "Up" } },
});

const readyzRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["ops"],
  summary: "The store answers and takes writes, and the bus is reachable",
  responses: {
    200: { content: { "application/json": { schema: HealthResponse } }, description: "Ready" },
    503: {
      content: { "application/json": { schema: ErrorBody } },
      description: "Not ready: `details` says which dependency and why",
    },
  },
});

const PROBE_TIMEOUT_MS = 3_000;

/** The store's answer to a trivial query within the probe's time, or why not. */
async function probeStore(ctx: AppContext): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([ctx.store.query({ sql: "SELECT 1 AS ok", row: z.object({ ok: z.number() }) }), timeout]);
  } catch (err) {
    return `unreachable: ${describeStoreError(err)}`;
  } finally {
    clearTimeout(timer);
  }
  const failing = ctx.storeHealth.writeFailure();
  return failing ? `refusing writes (${failing.secondsAgo} s ago): ${failing.reason}` : undefined;
}

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(healthzRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyzRoute, async (c) => {
    const ctx = c.get("ctx");
    const [store, busUp] = await Promise.all([probeStore(ctx), ctx.bus.ping()]);
    const details = { store, bus: busUp ? undefined : "unreachable: no broker answered" };
    if (!store && !details.bus) return c.json({ status: "ok" as const }, 200);
    const zh = [store ? `数据存储不可用（${store}）` : null, details.bus ? "消息总线（Kafka）不可达" : null];
    const en = [store ? `store ${store}` : null, details.bus ? `bus ${details.bus}` : null];
    return c.json(
      errorBody(
        c,
        "UNAVAILABLE",
        { en: `Not ready: ${en.filter(Boolean).join("; ")}`, zh: `未就绪：${zh.filter(Boolean).join("；")}` },
        details,
      ),
      503,
      { "retry-after": String(RETRY_AFTER_SECONDS) },
    );
  });
}
