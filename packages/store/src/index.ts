export { type AuditEntry, AuditRow, listAudit, recordAudit } from "./audit.ts";
export { createStore, type Params, type Store, type StoreConfig } from "./client.ts";
export { isTransientError, StoreLockedError } from "./errors.ts";
export { loadMigrations, type Migration, migrate } from "./migrate.ts";
export {
  countObservations,
  insertObservations,
  listObservations,
  type ObservationFilter,
  ObservationRow,
  toObservationRow,
} from "./observations.ts";
export { getStoredTarget, listTargets, seedTargets } from "./targets.ts";
export { fromChDateTime, toChDateTime } from "./time.ts";

import { createStore, type Store, type StoreConfig } from "./client.ts";
import { migrate } from "./migrate.ts";

/** Opens the store and brings its schema up to date: what every app calls at boot. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = await createStore(config);
  await migrate(store);
  return store;
}
