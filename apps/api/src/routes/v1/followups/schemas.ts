import { z } from "@hono/zod-openapi";
import { FollowupSchema } from "@jindu/schema";

/** The answer of a follow-up's assignment, answer and review. */
export const FollowupResponse = z.object({ followup: FollowupSchema });
