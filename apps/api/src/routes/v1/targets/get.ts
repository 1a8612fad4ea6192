import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getTarget } from "../../../services/targets.ts";
import { withYear } from "../../../services/years.ts";
import { boardSecurity, notFoundResponse, notModifiedResponse, protectedErrorResponses, YearQuery } from "../shared.ts";
import { GetTargetResponse, TargetCodeParams } from "./schemas.ts";

const getTargetRoute = createRoute({
  method: "get",
  path: "/v1/targets/{code}",
  tags: ["targets"],
  summary: "One target with its source sentence",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  request: {
    params: TargetCodeParams,
    query: z.object({ year: YearQuery }),
  },
  responses: {
    200: { content: { "application/json": { schema: GetTargetResponse } }, description: "The target" },
    ...notModifiedResponse,
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerGetTarget(app: OpenAPIHono<AppEnv>) {
  app.openapi(getTargetRoute, async (c) => {
    const { code } = c.req.valid("param");
    const ctx = c.get("ctx");
    const { year } = await withYear(ctx, c.req.valid("query"));
    return c.json(await getTarget({ ctx, input: { year, code } }), 200);
  });
}
