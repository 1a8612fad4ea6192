export { type AuditEntry, AuditRow, listAudit, recordAudit } from "./audit.ts";
export { latestReportedPeriod, receivedSince, sourceActivity } from "./changes.ts";
export { createStore, type Params, type Store, type StoreConfig } from "./client.ts";
export { isTransientError, StoreLockedError } from "./errors.ts";
export { loadMigrations, type Migration, migrate } from "./migrate.ts";
export {
  countObservations,
  insertObservations,
  type LatestVintage,
  latestVintages,
  listObservations,
  type ObservationFilter,
  ObservationRow,
  toObservationRow,
  type VintageKey,
} from "./observations.ts";
export { progressInputs } from "./progressData.ts";
export {
  addToQuarantine,
  listQuarantine,
  type NewQuarantineItem,
  type QuarantineFilter,
  type QuarantineItem,
  QuarantineItemSchema,
  type QuarantineStatus,
  QuarantineStatusSchema,
  setQuarantineStatus,
} from "./quarantine.ts";
export { listReceipts, type Receipt, ReceiptSchema, recordReceipt } from "./receipts.ts";
export {
  authenticateSourceKey,
  CadenceSchema,
  createSource,
  getSource,
  hashApiKey,
  type KeyCheck,
  listSources,
  type Source,
  type SourceInput,
  SourceSchema,
  updateSource,
} from "./sources.ts";
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
