import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { authenticate } from "./auth.ts";
import { compressJson, registerConditionalReads } from "./conditional.ts";
import type { AppContext, AppEnv } from "./context.ts";
import { errorResponse, onError, validationHook } from "./errors.ts";
import { cacheControl, securityHeaders } from "./headers.ts";
import { registerConsole } from "./routes/console.ts";
import { registerDocs } from "./routes/docs.ts";
import { registerHealth } from "./routes/health.ts";
import { registerMetrics } from "./routes/metrics.ts";
import { registerAlertRuleRoutes } from "./routes/v1/alertRules/index.ts";
import { registerAlertRoutes } from "./routes/v1/alerts/index.ts";
import { registerAuditRoutes } from "./routes/v1/audit/index.ts";
import { registerAuthRoutes } from "./routes/v1/auth/index.ts";
import { registerDemoRoutes } from "./routes/v1/demo/index.ts";
import { registerExportRoutes } from "./routes/v1/exports/index.ts";
import { registerFollowupRoutes } from "./routes/v1/followups/index.ts";
import { registerIngestRoutes } from "./routes/v1/ingest/index.ts";
import { registerProgressRoutes } from "./routes/v1/progress/index.ts";
import { registerQuarantineRoutes } from "./routes/v1/quarantine/index.ts";
import { registerReportRoutes } from "./routes/v1/reports/index.ts";
import { registerSettingsRoutes } from "./routes/v1/settings/index.ts";
import { registerSourceRoutes } from "./routes/v1/sources/index.ts";
import { registerStreamRoutes } from "./routes/v1/stream/index.ts";
import { registerSummaryRoutes } from "./routes/v1/summary/index.ts";
import { registerTargetRoutes } from "./routes/v1/targets/index.ts";
import { registerUserRoutes } from "./routes/v1/users/index.ts";
import { registerYearRoutes } from "./routes/v1/years/index.ts";

const API_VERSION = "0.2.0";

export type AppOptions = {
  /** The built console to serve beside the API (embedded mode); absent: the API alone. */
  consoleDir?: string;
};

/** The HTTP API: every route registered explicitly, one error shape, an OpenAPI document. */
export function createApp(ctx: AppContext, opts: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Outermost, so that every answer has them, errors and static files included.
  app.use(securityHeaders());
  app.use(cacheControl());
  app.use(requestId());
  app.use(async (c, next) => {
    c.set("ctx", ctx);
    const started = performance.now();
    await next();
    // routePath is the matched pattern (/v1/progress/:code), so labels stay few.
    ctx.metrics.httpDuration.observe(
      { method: c.req.method, route: c.req.routePath, status: String(c.res.status) },
      (performance.now() - started) / 1000,
    );
  });
  // Outside the ETag, so that the tag is the uncompressed body's and a 304 is never compressed.
  app.use(compressJson());
  // Every request: who is calling (c.var.user), API keys kept to ingest, CSRF for cookie changes.
  app.use(authenticate());
  registerConditionalReads(app);

  registerHealth(app);
  registerMetrics(app);
  registerDocs(app);
  // Each resource once (the OpenAPI document lists paths in this order).
  registerTargetRoutes(app);
  registerYearRoutes(app);
  registerProgressRoutes(app);
  registerSummaryRoutes(app);
  registerDemoRoutes(app);
  registerStreamRoutes(app, ctx.heartbeatMs);
  registerSourceRoutes(app, ctx.limits.maxBodyBytes);
  registerExportRoutes(app);
  registerReportRoutes(app);
  registerIngestRoutes(app, ctx.limits.maxBodyBytes);
  registerQuarantineRoutes(app);
  registerAuthRoutes(app);
  registerUserRoutes(app);
  registerAuditRoutes(app);
  registerSettingsRoutes(app);
  registerAlertRuleRoutes(app);
  registerAlertRoutes(app);
  registerFollowupRoutes(app);
  // Last: page paths the routes above do not answer fall back to the console.
  if (opts.consoleDir) registerConsole(app, opts.consoleDir);

  app.openAPIRegistry.registerComponent("securitySchemes", "sourceKey", {
    type: "http",
    scheme: "bearer",
    description: "A source's API key (jdk_…), also accepted as X-Api-Key",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "sessionToken", {
    type: "http",
    scheme: "bearer",
    description: "A session token (jds_…) from POST /v1/auth/login",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "jindu_session",
    description: "Set by POST /v1/auth/login; changes also need the x-csrf-token header",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "serviceToken", {
    type: "http",
    scheme: "bearer",
    description: "JINDU_ADMIN_TOKEN, when set: acts as an admin, for automation",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Jindu API",
      version: API_VERSION,
      description:
        "Live progress of the city's work-report targets (进度). Errors: { error: { code, message, messageZh, requestId, details? } }.",
    },
  });
  app.notFound((c) =>
    errorResponse(c, "NOT_FOUND", { en: `No route ${c.req.method} ${c.req.path}`, zh: "接口不存在" }),
  );
  app.onError(onError);
  return app;
}
