import { createRoute, z } from "@hono/zod-openapi";
import { requireBoardRead } from "../../../auth.ts";
import { boardSecurity, protectedErrorResponses } from "../shared.ts";

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An export: a file of the board's data, read as the JSON route of the same data is. */
export const exportRoute = (path: string, mime: string, summary: string, query: z.ZodObject) =>
  createRoute({
    method: "get",
    path,
    tags: ["exports"],
    summary,
    security: boardSecurity,
    middleware: [requireBoardRead()] as const,
    request: { query },
    responses: {
      200: { content: { [mime]: { schema: z.string() } }, description: "A file" },
      ...protectedErrorResponses,
    },
  });

export const attachment = (name: string) => `attachment; filename="${name}"`;
