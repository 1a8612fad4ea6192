export {
  type AlertCommand,
  AlertCommandSchema,
  AlertCommandStatusSchema,
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
export {
  type AlertRuleRecord,
  createAlertRule,
  deleteAlertRule,
  getAlertRule,
  listAlertRules,
  updateAlertRule,
} from "./alertRules.ts";
export {
  type AlertFilter,
  type InboxStatus,
  inboxStatus,
  listAlertStates,
  loadAlertStates,
  type StoredAlertState,
  StoredAlertStateSchema,
  saveAlertStates,
} from "./alertStates.ts";
export { type AuditEntry, type AuditFilter, AuditRow, listAudit, pageAudit, recordAudit } from "./audit.ts";
export { latestReportedPeriod, receivedSince, sourceActivity } from "./changes.ts";
export { createStore, type Params, type Store, type StoreConfig } from "./client.ts";
export { describeStoreError, isTransientError, StoreLockedError } from "./errors.ts";
export {
  latestPeriodsBySeries,
  latestRevisionChanges,
  rejectionsByIndicator,
  seriesKey,
} from "./evaluatorInputs.ts";
export {
  advanceFollowup,
  createFollowup,
  type Followup,
  type FollowupAction,
  type FollowupFilter,
  type FollowupStatus,
  followupHistory,
  listFollowups,
  type NewFollowup,
} from "./followups.ts";
export { addIngestCounts, type IngestCount, type IngestCountKind, othersIngestCounts } from "./ingestCounts.ts";
export {
  type LoginAttemptCounts,
  loginAttemptCounts,
  loginAttemptSucceeded,
  startLoginAttempt,
} from "./loginAttempts.ts";
export { loadMigrations, type Migration, migrate } from "./migrate.ts";
export {
  getNotifications,
  markNotificationsSent,
  type OutboxItem,
  OutboxItemSchema,
  recordNotifications,
  type SentOutcome,
  SentOutcomeSchema,
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
  type QuarantineStatus,
  setQuarantineStatus,
} from "./quarantine.ts";
export { listReceipts, type Receipt, ReceiptSchema, recordReceipt, recordReceipts } from "./receipts.ts";
export {
  createSessionRecord,
  findSessionRecord,
  revokeSession,
  revokeUserSessions,
  type Session,
} from "./sessions.ts";
export {
  type BoardSettings,
  type DemoRecord,
  DemoRecordSchema,
  getSetting,
  putSetting,
  SETTINGS,
  type SettingKey,
  type SettingRecord,
  type SettingValue,
} from "./settings.ts";
export {
  createSourceRecord,
  deleteSource,
  getSource,
  listSources,
  type Source,
  type SourceInput,
  type StoredKey,
  sourcesByKeyPrefix,
  updateSourceRecord,
} from "./sources.ts";
export {
  appendStreamEvents,
  recentStreamEvents,
  STREAM_RUN_IDS,
  StreamAudienceSchema,
  type StreamEvent,
  StreamEventSchema,
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
export { fromChDateTime, toChDateTime } from "./time.ts";
export {
  createUserRecord,
  findLogin,
  getUser,
  hasUsers,
  listUsers,
  type NewUserRecord,
  type Role,
  type User,
  type UserRecordPatch,
  updateUserRecord,
} from "./users.ts";
export { latestVersionSql, VersionConflict, writeVersion, writeVersions } from "./versioned.ts";
export {
  createWebhookSecretRecord,
  type DeliveryFilter,
  existingWebhookSecrets,
  getWebhookSecretRecord,
  listWebhookDeliveries,
  recordWebhookDelivery,
  type StoredWebhookSecret,
  type WebhookDelivery,
  WebhookSecretRefSchema,
} from "./webhooks.ts";
export { type AroundCall, type StoreCall, type StoreOp, wrapStore } from "./wrap.ts";

import { createStore, type Store, type StoreConfig } from "./client.ts";
import { migrate } from "./migrate.ts";

/** Opens the store and brings its schema up to date: what every app calls at boot. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = await createStore(config);
  await migrate(store);
  return store;
}
