import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import type { AppContext, AppEnv } from "./context.ts";
import { errorResponse, onError, validationHook } from "./errors.ts";
import { registerHealth } from "./routes/health.ts";
import { registerListProgress } from "./routes/v1_progress_list.ts";
import { registerGetTarget } from "./routes/v1_targets_get.ts";
import { registerListTargets } from "./routes/v1_targets_list.ts";

export const API_VERSION = "0.1.0";

/** The HTTP API: every route registered explicitly, one error shape, an OpenAPI document. */
export function createApp(ctx: AppContext): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestId());
  app.use(async (c, next) => {
    c.set("ctx", ctx);
    await next();
  });

  registerHealth(app);
  registerListTargets(app);
  registerGetTarget(app);
  registerListProgress(app);

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
