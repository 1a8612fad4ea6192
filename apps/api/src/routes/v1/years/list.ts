import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { defaultYear, storedYears } from "../../../services/years.ts";
import { boardSecurity, protectedErrorResponses } from "../shared.ts";

export const YearsResponse = z.object({
  years: z.array(z.number().int()).meta({
    description: "Every year with stored targets (the catalog's and each imported report's), ascending",
    example: [2024, 2025],
  }),
  current: z.number().int().meta({
    description:
      "The year a read means when it names none, today: this year's report once imported, else the latest before it",
    example: 2025,
  }),
});
export type YearsResponse = z.infer<typeof YearsResponse>;

const yearsRoute = createRoute({
  method: "get",
  path: "/v1/years",
  tags: ["targets"],
  summary: "The years whose targets are stored, and the one reads default to",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  responses: {
    200: { content: { "application/json": { schema: YearsResponse } }, description: "Years" },
    ...protectedErrorResponses,
  },
});

export function registerYears(app: OpenAPIHono<AppEnv>) {
  app.openapi(yearsRoute, async (c) => {
    const ctx = c.get("ctx");
    const [years, current] = await Promise.all([storedYears(ctx), defaultYear(ctx)]);
    return c.json({ years, current }, 200);
  });
}
