import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerGetBoardSettings } from "./getBoard.ts";
import { registerGetProgressSettings } from "./getProgress.ts";
import { registerPutBoardSettings } from "./putBoard.ts";
import { registerPutProgressSettings } from "./putProgress.ts";

/** The board's and progress thresholds' settings, read and written. */
export function registerSettingsRoutes(app: OpenAPIHono<AppEnv>) {
  registerGetBoardSettings(app);
  registerPutBoardSettings(app);
  registerGetProgressSettings(app);
  registerPutProgressSettings(app);
}
