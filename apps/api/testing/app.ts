/**
 * The one harness of the API's suites: a temporary store holding the catalog's targets (and the
 * suite's sources), a runtime over it (with the embedded evaluator when asked), the app, and the
 * suite's users. Suites that need something the options do not cover keep their own set-up.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createSource, type NewUser } from "@jindu/auth";
import { type Bus, createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import type { Target } from "@jindu/schema";
import { type SourceInput, type Store, seedTargets, type User } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { type AppOptions, createApp } from "../src/app.ts";
import type { AppEnv } from "../src/context.ts";
import { type EmbeddedOptions, startEmbedded } from "../src/embedded.ts";
import type { Runtime, RuntimeOptions } from "../src/runtime.ts";
import { addUser, signIn } from "./auth.ts";

export type TestAppOptions = Partial<Omit<RuntimeOptions, "store" | "bus">> & {
  /** The temporary database's name, one per suite. */
  name: string;
  /** Targets stored before the runtime starts (default the catalog; `false` for none). */
  targets?: readonly Target[] | false;
  /** Default: a fresh in-process bus, closed by `close()`; a bus passed in stays the caller's to close. */
  bus?: Bus;
  /** Wraps the store the runtime serves from (a fault store); `store` stays the real one. */
  wrapStore?: (store: Store) => Store;
  /** Sources created straight in the store before start; their API keys are in `keys`, by id. */
  sources?: readonly SourceInput[];
  /** Runs on the seeded store before the runtime starts (e.g. the demo's first load). */
  beforeStart?: (store: Store) => Promise<unknown>;
  /** Hosts the alert evaluator in the runtime, as embedded mode does. */
  evaluator?: EmbeddedOptions["evaluator"];
  /** The app's own options (a console build to serve). */
  app?: AppOptions;
  /** Users created once the app runs; each one's password is `<username>-password`. */
  users?: readonly (Partial<NewUser> & Pick<NewUser, "username">)[];
};

export type TestApp = {
  app: OpenAPIHono<AppEnv>;
  /** The real store (not the wrapped one, when `wrapStore` was given). */
  store: Store;
  /** The store's data folder. */
  dir: string;
  runtime: Runtime;
  /** The sources' API keys, by source id. */
  keys: Record<string, string>;
  /** The users created from `users`, by username. */
  users: Record<string, User>;
  signIn(username: string, password?: string): ReturnType<typeof signIn>;
  /** Stops the runtime, the bus the harness made, and removes the store. */
  close(): Promise<void>;
};

export async function startTestApp(opts: TestAppOptions): Promise<TestApp> {
  const { name, targets = catalog, bus, wrapStore, sources = [], beforeStart, evaluator, app: appOptions } = opts;
  const { store, dir, cleanup } = await openTempStore(name);
  // A bus passed in is the caller's to close; the one made here is closed with the rest.
  const theBus = bus ?? createMemoryBus();
  const ownBus = bus ? null : theBus;
  let runtime: Runtime | null = null;
  try {
    if (targets) await seedTargets(store, targets);
    const keys: Record<string, string> = {};
    for (const source of sources) {
      const created = await createSource(store, source, "test");
      if (!("apiKey" in created)) throw new Error(`source ${source.id} exists already`);
      keys[source.id] = created.apiKey;
    }
    await beforeStart?.(store);
    runtime = await startEmbedded({
      runWorker: false,
      ...withoutHarnessOptions(opts),
      store: wrapStore ? wrapStore(store) : store,
      bus: theBus,
      evaluator: evaluator ?? null,
    });
    const app = createApp(runtime.ctx, appOptions);
    const users: Record<string, User> = {};
    for (const user of opts.users ?? []) users[user.username] = await addUser(store, user);
    const started = runtime;
    return {
      app,
      store,
      dir,
      runtime: started,
      keys,
      users,
      signIn: (username, password) => signIn(app, username, password),
      async close() {
        await started.close();
        await ownBus?.close();
        await cleanup();
      },
    };
  } catch (error) {
    await runtime?.close();
    await ownBus?.close();
    await cleanup();
    throw error;
  }
}

/** The runtime's own options, without the harness's. */
function withoutHarnessOptions(opts: TestAppOptions): Partial<RuntimeOptions> {
  const {
    name: _name,
    targets: _targets,
    bus: _bus,
    wrapStore: _wrapStore,
    sources: _sources,
    beforeStart: _beforeStart,
    evaluator: _evaluator,
    app: _app,
    users: _users,
    ...runtime
  } = opts;
  return runtime;
}
