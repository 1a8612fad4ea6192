import { z } from "@hono/zod-openapi";

/** The rows a replay or a discard acts on. */
export const QuarantineIdsBody = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) });
