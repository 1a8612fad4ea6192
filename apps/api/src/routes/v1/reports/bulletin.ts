import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { buildBulletin } from "../../../services/bulletin.ts";
import { exportFileName } from "../../../services/export.ts";
import { withYear } from "../../../services/years.ts";
import { CityWideRegionQuery } from "../cityWide.ts";
import { AsOfQuery, KnownAtQuery, protectedErrorResponses, userSecurity, YearQuery } from "../shared.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const bulletinRoute = createRoute({
  method: "get",
  path: "/v1/reports/bulletin.docx",
  tags: ["exports"],
  summary: "The monthly progress bulletin (进度通报) as a Word document",
  description:
    "Title and dates, the headline in the bureaus' words, a table per section (target, latest figure, 序时进度, " +
    "completion or difference, status) and the lagging targets with their responsible bureau and open follow-ups " +
    "(a bureau user's bulletin lists its own bureau's follow-ups only). The figures are those of /v1/progress for " +
    "the same asOf and knownAt.",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: {
    query: z.object({ year: YearQuery, asOf: AsOfQuery, knownAt: KnownAtQuery, region: CityWideRegionQuery }),
  },
  responses: {
    200: { content: { [DOCX]: { schema: z.string() } }, description: "A .docx file" },
    ...protectedErrorResponses,
  },
});

export function registerBulletin(app: OpenAPIHono<AppEnv>) {
  app.openapi(bulletinRoute, async (c) => {
    const ctx = c.get("ctx");
    const input = await withYear(ctx, c.req.valid("query"));
    const { asOf, knownAt, docx } = await buildBulletin({ ctx, caller: callerOf(c), input });
    c.header("content-disposition", `attachment; filename="${exportFileName("bulletin", { asOf, knownAt }, "docx")}"`);
    return c.body(new Uint8Array(docx), 200, { "content-type": DOCX });
  });
}
