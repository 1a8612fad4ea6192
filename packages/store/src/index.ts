export {
  type AlertCommand,
  addAlertCommand,
  getAlertCommand,
  pendingAlertCommands,
  settleAlertCommands,
} from "./alertCommands.ts";
export {
  type AlertHistoryEvent,
  listAlertEvents,
  recordAlertEvents,
} from "./alertHistory.ts";
export { createAlertRule, deleteAlertRule, getAlertRule, listAlertRules, updateAlertRule } from "./alertRules.ts";
export {
  type InboxStatus,
  inboxStatus,
  listAlertStates,
  loadAlertStates,
  type StoredAlertState,
  saveAlertStates,
} from "./alertStates.ts";
export { type AuditFilter, AuditRow, listAudit, pageAudit, recordAudit } from "./audit.ts";
export { latestReportedPeriod, receivedSince, sourceActivity } from "./changes.ts";
export { createStore, type Params, type Store, type StoreConfig } from "./client.ts";
export { describeStoreError, isTransientError, StoreLockedError } from "./errors.ts";
export {
  latestPeriodsBySeries,
  latestRevisionChanges,
  rejectionsByIndicator,
  seriesKey,
} from "./evaluatorInputs.ts";
export { advanceFollowup, createFollowup, type Followup, followupHistory, listFollowups } from "./followups.ts";
export { addIngestCounts, type IngestCount, type IngestCountKind, othersIngestCounts } from "./ingestCounts.ts";
export { loginAttemptCounts, loginAttemptSucceeded, startLoginAttempt } from "./loginAttempts.ts";
export { migrate } from "./migrate.ts";
export {
  markNotificationsSent,
  type OutboxItem,
  recordNotifications,
  sentChannels,
  unsentNotifications,
} from "./notifications.ts";
export {
  countObservations,
  deleteObservationsOfSource,
  insertObservations,
  type LatestVintage,
  latestVintages,
  listObservations,
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
  setQuarantineStatus,
} from "./quarantine.ts";
export { listReceipts, type Receipt, recordReceipt, recordReceipts } from "./receipts.ts";
export {
  createSessionRecord,
  findSessionRecord,
  revokeSession,
  revokeUserSessions,
  type Session,
} from "./sessions.ts";
export { type BoardSettings, getSetting, putSetting } from "./settings.ts";
export {
  createSourceRecord,
  deleteSource,
  getSource,
  listSources,
  type Source,
  type SourceInput,
  sourcesByKeyPrefix,
  updateSourceRecord,
} from "./sources.ts";
export {
  appendStreamEvents,
  recentStreamEvents,
  STREAM_RUN_IDS,
  type StreamEvent,
  startStreamRun,
} from "./streamEvents.ts";
export {
  getStoredTarget,
  importTargets,
  latestTargetYear,
  listTargets,
  seedTargets,
  storedTargetVersions,
  targetYears,
  updateTarget,
} from "./targets.ts";
export { fromChDateTime } from "./time.ts";
export {
  createUserRecord,
  findLogin,
  getUser,
  hasUsers,
  listUsers,
  type Role,
  type User,
  type UserRecordPatch,
  updateUserRecord,
} from "./users.ts";
export { VersionConflict } from "./versioned.ts";
export {
  createWebhookSecretRecord,
  type DeliveryFilter,
  existingWebhookSecrets,
  getWebhookSecretRecord,
  listWebhookDeliveries,
  recordWebhookDelivery,
} from "./webhooks.ts";
export { wrapStore } from "./wrap.ts";

import { createStore, type Store, type StoreConfig } from "./client.ts";
import { migrate } from "./migrate.ts";

/** Opens the store and brings its schema up to date: what every app calls at boot. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = await createStore(config);
  await migrate(store);
  return store;
}
