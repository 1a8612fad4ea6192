import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { admitPush, auditPushOnBehalf, sourceToPushFor } from "../../../services/ingest.ts";
import { answerPush, ingestBodyLimit, pushBody, pushQuery, pushResponses } from "../push.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { SourceIdParams } from "./schemas.ts";

const adminIngestRoute = createRoute({
  method: "post",
  path: "/v1/admin/sources/{id}/ingest",
  tags: ["admin"],
  summary: "Push observations on a source's behalf (an admin uploading a bureau's file)",
  description:
    "The same body, `?atomic=`, `?dryRun=`, limits and answers as `POST /v1/ingest`, as if the source had pushed " +
    "with its own key (its permissions and push rate apply); signed in as an admin instead of the key. A push " +
    "that stores is audited with who made it. 403 while the source is revoked.",
  security: userSecurity,
  request: {
    params: SourceIdParams,
    query: pushQuery,
    body: pushBody,
  },
  responses: { ...pushResponses, ...notFoundResponse, ...protectedErrorResponses },
});

/** Registered as a plain handler like `/v1/ingest`: the body is read by the push, not by a validator. */
export function registerAdminIngest(app: OpenAPIHono<AppEnv>, maxBodyBytes: number) {
  app.openAPIRegistry.registerPath(adminIngestRoute);
  app.post(
    "/v1/admin/sources/:id/ingest",
    requireRole("admin"),
    async (c, next) => {
      const source = await sourceToPushFor(c.get("ctx"), c.req.param("id"));
      admitPush(c.get("ctx"), source);
      c.set("source", source);
      await next();
    },
    ingestBodyLimit(maxBodyBytes),
    (c) => {
      const source = c.get("source");
      return answerPush(c, source, (outcome) => auditPushOnBehalf(c.get("ctx"), callerOf(c), source, outcome));
    },
  );
}
