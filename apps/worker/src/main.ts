import { storeConfigFrom } from "@jindu/config";
import { openStore, StoreLockedError } from "@jindu/store";
import { loadWorkerEnv } from "./env.ts";

/**
 * The standalone ingest worker (distributed mode). It opens and migrates the store; consuming the
 * observations topic comes with the ingestion pipeline. In embedded mode the API process runs
 * the same pipeline in-process, so this app is not needed there.
 */
async function main() {
  const env = loadWorkerEnv();
  const store = await openStore(storeConfigFrom(env));
  console.log(`[worker] store ready (${store.mode}, database ${store.database})`);
  const stop = async () => {
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof StoreLockedError ? `[worker] ${err.message}` : err);
  process.exit(1);
});
