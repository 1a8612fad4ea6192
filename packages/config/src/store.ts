import type { StoreConfig } from "@jindu/store";
import { z } from "zod";
import { optionalString, text } from "./env.ts";

/** Where the data lives: embedded chDB in a folder (default) or a ClickHouse server. */
export const StoreEnv = z.object({
  JINDU_STORE: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["embedded", "server"]).default("embedded")),
  JINDU_DATA_DIR: text(".jindu/data"),
  JINDU_DATABASE: text("jindu").pipe(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only")),
  JINDU_CLICKHOUSE_URL: optionalString.pipe(z.url().optional()),
  JINDU_CLICKHOUSE_USER: optionalString,
  JINDU_CLICKHOUSE_PASSWORD: optionalString,
});
export type StoreEnv = z.infer<typeof StoreEnv>;

export function storeConfigFrom(env: StoreEnv): StoreConfig {
  if (env.JINDU_STORE === "embedded") {
    return { mode: "embedded", path: env.JINDU_DATA_DIR, database: env.JINDU_DATABASE };
  }
  if (!env.JINDU_CLICKHOUSE_URL) {
    throw new Error("JINDU_STORE=server needs JINDU_CLICKHOUSE_URL (e.g. http://127.0.0.1:8123)");
  }
  return {
    mode: "server",
    url: env.JINDU_CLICKHOUSE_URL,
    username: env.JINDU_CLICKHOUSE_USER ?? "default",
    password: env.JINDU_CLICKHOUSE_PASSWORD ?? "",
    database: env.JINDU_DATABASE,
  };
}
