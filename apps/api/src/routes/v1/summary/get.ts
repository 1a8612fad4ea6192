import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ProgressStatusSchema } from "@jindu/progress";
import { SectionSchema } from "@jindu/schema";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getSummary } from "../../../services/summary.ts";
import { withYear } from "../../../services/years.ts";
import { CityWideRegionQuery } from "../cityWide.ts";
import {
  AsOfQuery,
  boardSecurity,
  KnownAtQuery,
  notModifiedResponse,
  protectedErrorResponses,
  When,
  YearQuery,
} from "../shared.ts";

const Counts = z.object({
  achieved: z.number(),
  green: z.number(),
  yellow: z.number(),
  red: z.number(),
  no_data: z.number(),
});
const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const SummaryResponse = z.object({
  asOf: z.string(),
  knownAt: z.string(),
  year: z.number().int(),
  totals: Counts,
  headline: Bilingual.extend({
    counts: Counts,
    doubleHalf: z.object({ both: z.number().int(), of: z.number().int() }).nullable().meta({
      description:
        "双过半 among the main volume targets with data (cumulative targets and reductions, which build up over the year): time progress and completion both at least half. Growth rates and levels never count. Null before mid-year or without such targets",
    }),
    rates: z
      .object({ above: z.number().int(), below: z.number().int() })
      .nullable()
      .meta({ description: "Main growth rates at or above, and below, their expected target; null without data" }),
    levels: z.object({ met: z.number().int(), missed: z.number().int() }).nullable().meta({
      description: "Main targets read as a level (a rate or a stock): meeting their target or not; null without data",
    }),
    lines: z.array(Bilingual.extend({ code: z.string() })),
  }),
  sections: z.array(z.object({ section: SectionSchema, name: Bilingual, counts: Counts, total: z.number() })),
  bureaus: z.array(z.object({ bureau: z.string(), counts: Counts })),
  changes: z
    .object({
      since: z.string(),
      newData: z.array(
        z.object({ indicator: z.string(), rows: z.number(), revisions: z.number(), lastReceived: z.string() }),
      ),
      statusFlips: z.array(
        z.object({ code: z.string(), from: ProgressStatusSchema, to: ProgressStatusSchema, byRevision: z.boolean() }),
      ),
    })
    .nullable(),
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;

const summaryRoute = createRoute({
  method: "get",
  path: "/v1/summary",
  tags: ["progress"],
  summary: "Counts by status per section and per bureau, the headline, and what changed since a time",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  request: {
    query: z.object({
      year: YearQuery,
      asOf: AsOfQuery,
      knownAt: KnownAtQuery,
      region: CityWideRegionQuery,
      since: When.optional().meta({
        description:
          "Report new data, status flips and revision flips since this time (against the board as it stood then)",
      }),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: SummaryResponse } }, description: "Summary" },
    ...notModifiedResponse,
    ...protectedErrorResponses,
  },
});

export function registerSummary(app: OpenAPIHono<AppEnv>) {
  app.openapi(summaryRoute, async (c) => {
    const ctx = c.get("ctx");
    return c.json(await getSummary({ ctx, input: await withYear(ctx, c.req.valid("query")) }), 200);
  });
}
