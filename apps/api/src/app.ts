import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { authenticate } from "./auth.ts";
import type { AppContext, AppEnv } from "./context.ts";
import { errorResponse, onError, validationHook } from "./errors.ts";
import { cacheControl, securityHeaders } from "./headers.ts";
import { registerConsole } from "./routes/console.ts";
import { registerDocs } from "./routes/docs.ts";
import { registerHealth } from "./routes/health.ts";
import { registerMetrics } from "./routes/metrics.ts";
import { registerCreateAlertRule } from "./routes/v1/alertRules/create.ts";
import { registerDeleteAlertRule } from "./routes/v1/alertRules/delete.ts";
import { registerListWebhookDeliveries } from "./routes/v1/alertRules/deliveries.ts";
import { registerGetAlertRule } from "./routes/v1/alertRules/get.ts";
import { registerListAlertRules } from "./routes/v1/alertRules/list.ts";
import { registerPreviewAlertRule } from "./routes/v1/alertRules/preview.ts";
import { registerUpdateAlertRule } from "./routes/v1/alertRules/update.ts";
import { registerAcknowledgeAlert } from "./routes/v1/alerts/acknowledge.ts";
import { registerAlertHistory } from "./routes/v1/alerts/history.ts";
import { registerListAlerts } from "./routes/v1/alerts/list.ts";
import { registerSilenceAlert } from "./routes/v1/alerts/silence.ts";
import { registerListAudit } from "./routes/v1/audit/list.ts";
import { registerLogin } from "./routes/v1/auth/login.ts";
import { registerLogout } from "./routes/v1/auth/logout.ts";
import { registerMe } from "./routes/v1/auth/me.ts";
import { registerChangePassword } from "./routes/v1/auth/password.ts";
import { registerRemoveDemo } from "./routes/v1/demo/delete.ts";
import { registerGetDemo } from "./routes/v1/demo/get.ts";
import { registerExports } from "./routes/v1/exports/progress.ts";
import { registerAnswerFollowup } from "./routes/v1/followups/answer.ts";
import { registerAssignFollowup } from "./routes/v1/followups/create.ts";
import { registerGetFollowup } from "./routes/v1/followups/get.ts";
import { registerListFollowups } from "./routes/v1/followups/list.ts";
import { registerReviewFollowup } from "./routes/v1/followups/review.ts";
import { registerIngestTemplate } from "./routes/v1/ingest/template.ts";
import { registerGetProgress } from "./routes/v1/progress/get.ts";
import { registerListProgress } from "./routes/v1/progress/list.ts";
import { registerIngest } from "./routes/v1/push.ts";
import { registerListQuarantine } from "./routes/v1/quarantine/list.ts";
import { registerReplayQuarantine } from "./routes/v1/quarantine/replay.ts";
import { registerBulletin } from "./routes/v1/reports/bulletin.ts";
import { registerGetBoardSettings } from "./routes/v1/settings/getBoard.ts";
import { registerGetProgressSettings } from "./routes/v1/settings/getProgress.ts";
import { registerPutBoardSettings } from "./routes/v1/settings/putBoard.ts";
import { registerPutProgressSettings } from "./routes/v1/settings/putProgress.ts";
import { registerCreateSource } from "./routes/v1/sources/create.ts";
import { registerSourceHealth } from "./routes/v1/sources/health.ts";
import { registerAdminIngest } from "./routes/v1/sources/ingest.ts";
import { registerListSources } from "./routes/v1/sources/list.ts";
import { registerAdminSourceTemplates } from "./routes/v1/sources/template.ts";
import { registerUpdateSource } from "./routes/v1/sources/update.ts";
import { registerStream } from "./routes/v1/stream/get.ts";
import { registerSummary } from "./routes/v1/summary/get.ts";
import { registerTargetAudit } from "./routes/v1/targets/audit.ts";
import { registerGetTarget } from "./routes/v1/targets/get.ts";
import { registerImportTargets } from "./routes/v1/targets/import.ts";
import { registerListTargets } from "./routes/v1/targets/list.ts";
import { registerUpdateTarget } from "./routes/v1/targets/update.ts";
import { registerCreateUser } from "./routes/v1/users/create.ts";
import { registerListUsers } from "./routes/v1/users/list.ts";
import { registerUpdateUser } from "./routes/v1/users/update.ts";
import { registerYears } from "./routes/v1/years/list.ts";

export const API_VERSION = "0.2.0";

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
  // Every request: who is calling (c.var.user), API keys kept to ingest, CSRF for cookie changes.
  app.use(authenticate());

  registerHealth(app);
  registerMetrics(app);
  registerDocs(app);
  registerListTargets(app);
  registerGetTarget(app);
  registerYears(app);
  registerListProgress(app);
  registerGetProgress(app);
  registerSummary(app);
  registerGetDemo(app);
  registerStream(app, ctx.heartbeatMs);
  registerSourceHealth(app);
  registerExports(app);
  registerBulletin(app);
  registerIngest(app, ctx.limits.maxBodyBytes);
  registerIngestTemplate(app);
  registerListSources(app);
  registerAdminIngest(app, ctx.limits.maxBodyBytes);
  registerAdminSourceTemplates(app);
  registerCreateSource(app);
  registerUpdateSource(app);
  registerListQuarantine(app);
  registerReplayQuarantine(app);
  registerLogin(app);
  registerLogout(app);
  registerMe(app);
  registerChangePassword(app);
  registerListUsers(app);
  registerCreateUser(app);
  registerUpdateUser(app);
  registerListAudit(app);
  registerGetBoardSettings(app);
  registerPutBoardSettings(app);
  registerGetProgressSettings(app);
  registerPutProgressSettings(app);
  registerRemoveDemo(app);
  registerImportTargets(app);
  registerUpdateTarget(app);
  registerTargetAudit(app);
  registerListAlertRules(app);
  registerCreateAlertRule(app);
  registerPreviewAlertRule(app);
  registerGetAlertRule(app);
  registerUpdateAlertRule(app);
  registerDeleteAlertRule(app);
  registerListAlerts(app);
  registerAlertHistory(app);
  registerAcknowledgeAlert(app);
  registerSilenceAlert(app);
  registerListWebhookDeliveries(app);
  registerAssignFollowup(app);
  registerListFollowups(app);
  registerGetFollowup(app);
  registerAnswerFollowup(app);
  registerReviewFollowup(app);
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
