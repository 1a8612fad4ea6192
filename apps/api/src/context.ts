import type { Store } from "@jindu/store";

/** What every verb gets: the store and a clock (injectable so tests can ask "as of" any date). */
export type AppContext = {
  store: Store;
  now: () => Date;
};

/** Hono's per-request variables. */
export type AppEnv = {
  Variables: {
    requestId: string;
    ctx: AppContext;
  };
};
