import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerDiscardQuarantine } from "./discard.ts";
import { registerListQuarantine } from "./list.ts";
import { registerReplayQuarantine } from "./replay.ts";

/** Rejected rows: list, replay, discard. */
export function registerQuarantineRoutes(app: OpenAPIHono<AppEnv>) {
  registerListQuarantine(app);
  registerReplayQuarantine(app);
  registerDiscardQuarantine(app);
}
