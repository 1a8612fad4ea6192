export { SharedCounts } from "./counts.ts";
export { decodeEnvelope, encodeEnvelope, envelopeKey } from "./envelope.ts";
export { ProgressChangedSchema } from "./events.ts";
export { PolicyProvider, policyOf } from "./policies.ts";
export {
  type Delivery,
  type DryRunResult,
  dryRunPush,
  type PushInput,
  PushRefused,
  type PushResult,
  pushObservations,
} from "./push.ts";
export { QuarantineQuota } from "./quota.ts";
export { ObservationSink } from "./sink.ts";
export { INGEST_GROUP, startIngestWorker } from "./worker.ts";
