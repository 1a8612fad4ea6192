import { flag, parseEnv, port, StoreEnv, text } from "@jindu/config";
import type { z } from "zod";

/** The API's configuration, parsed once at boot. Embedded mode needs none of it. */
export const ApiEnv = StoreEnv.extend({
  JINDU_HOST: text("127.0.0.1"),
  JINDU_PORT: port(8420),
  /** The built console, served at `/` when present. */
  JINDU_CONSOLE_DIR: text("apps/console/dist"),
  /** Seed the store with the built-in catalog's targets at boot (only those not stored yet). */
  JINDU_SEED_CATALOG: flag(true),
});
export type ApiEnv = z.infer<typeof ApiEnv>;

export const loadApiEnv = (env: NodeJS.ProcessEnv = process.env): ApiEnv => parseEnv(ApiEnv, env);
