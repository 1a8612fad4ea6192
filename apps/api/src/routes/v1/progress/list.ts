import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ProgressSchema } from "@jindu/progress";
import type { TypedResponse } from "hono";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listProgress } from "../../../services/progress.ts";
import { withYear } from "../../../services/years.ts";
import { boardSecurity, ListProgressQuery, notModifiedResponse, protectedErrorResponses } from "../shared.ts";

export const ListProgressResponse = z.object({
  asOf: z.string(),
  knownAt: z.string(),
  count: z.number().int(),
  items: z.array(ProgressSchema),
});
export type ListProgressResponse = z.infer<typeof ListProgressResponse>;

const listProgressRoute = createRoute({
  method: "get",
  path: "/v1/progress",
  tags: ["progress"],
  summary: "Every quantitative target's progress (序时进度, completion, gap, status) as of a date",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  request: { query: ListProgressQuery },
  responses: {
    200: { content: { "application/json": { schema: ListProgressResponse } }, description: "Progress" },
    ...notModifiedResponse,
    ...protectedErrorResponses,
  },
});

/**
 * Serialised answers of cached lists (the same array until new data or the clock replaces it), with
 * their ETag: the digest of that very body, computed once rather than by the etag middleware on
 * every request (which then takes it as it is).
 */
const bodies = new WeakMap<readonly unknown[], { body: string; etag: string }>();

export function registerListProgress(app: OpenAPIHono<AppEnv>) {
  app.openapi(listProgressRoute, async (c) => {
    const ctx = c.get("ctx");
    const { asOf, knownAt, items } = await listProgress({ ctx, input: await withYear(ctx, c.req.valid("query")) });
    let answer = bodies.get(items);
    if (answer === undefined) {
      const body = JSON.stringify({ asOf, knownAt, count: items.length, items } satisfies ListProgressResponse);
      answer = { body, etag: `"${createHash("sha1").update(body).digest("hex")}"` };
      bodies.set(items, answer);
    }
    // The same JSON c.json would send, already serialised; typed as that JSON for clients.
    return c.body(answer.body, 200, {
      "content-type": "application/json",
      etag: answer.etag,
    }) as unknown as TypedResponse<ListProgressResponse, 200, "json">;
  });
}
