export { SharedCounts, type SharedCountsOptions } from "./counts.ts";
export {
  type DecodeResult,
  decodeEnvelope,
  type Envelope,
  EnvelopeSchema,
  encodeEnvelope,
  envelopeKey,
} from "./envelope.ts";
export { type ProgressChanged, ProgressChangedSchema, publishProgressChanged } from "./events.ts";
export { PolicyProvider, policyOf } from "./policies.ts";
export {
  type Delivery,
  type DryRunResult,
  dryRunPush,
  type PushDeps,
  type PushInput,
  PushRefused,
  type PushRejection,
  type PushResult,
  pushObservations,
} from "./push.ts";
export { cityDayStart, DEFAULT_QUARANTINE_PER_DAY, QuarantineQuota } from "./quota.ts";
export { type RetryOptions, withStoreRetry } from "./retry.ts";
export { ObservationSink, type SinkOptions } from "./sink.ts";
export { type BatchOutcome, INGEST_GROUP, type IngestWorkerDeps, processBatch, startIngestWorker } from "./worker.ts";
