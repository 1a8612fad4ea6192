import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerAnswerFollowup } from "./answer.ts";
import { registerAssignFollowup } from "./create.ts";
import { registerGetFollowup } from "./get.ts";
import { registerListFollowups } from "./list.ts";
import { registerReviewFollowup } from "./review.ts";

/** Follow-ups (督办): assign, list, get, answer, review. */
export function registerFollowupRoutes(app: OpenAPIHono<AppEnv>) {
  registerAssignFollowup(app);
  registerListFollowups(app);
  registerGetFollowup(app);
  registerAnswerFollowup(app);
  registerReviewFollowup(app);
}
