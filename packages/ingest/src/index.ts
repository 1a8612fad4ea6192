export { type BodyInput, formatOf, type ParsedBody, parseBody, parseSheet } from "./body.ts";
export { bodyErrors, SUPPORTED_MEDIA_TYPES, XLSX_MEDIA_TYPE } from "./body-errors.ts";
export { cityDate } from "./city-time.ts";
export {
  type Bilingual,
  BODY_ERROR_CODES,
  type BodyError,
  type BodyErrorCode,
  REJECT_CODE_TITLES,
  REJECT_CODES,
  type RejectCode,
} from "./codes.ts";
export { indicatorsFromTargets } from "./indicators.ts";
export { deterministicMessageId, type MessageIdParts } from "./message-id.ts";
export { parseCsvNumber } from "./numbers.ts";
export { EARLIEST_REPORTED_AT } from "./row.ts";
export { csvTemplate, templateRows } from "./template.ts";
export {
  cut,
  hasLoneSurrogate,
  MAX_BODY_DEPTH,
  MAX_ECHO,
  MAX_RAW_COPY,
  MAX_ROW_DEPTH,
  nestsDeeperThan,
  rawCopy,
  wellFormed,
} from "./text.ts";
export {
  type AcceptedRow,
  DEFAULT_MAX_ROWS,
  type IndicatorInfo,
  type IngestContext,
  type IngestLimits,
  type Rejection,
  type SourcePolicy,
  type ValidationResult,
  type WireFormat,
} from "./types.ts";
export { REPORTED_AT_SKEW_MS, validateRows } from "./validate.ts";
export {
  CSV_COLUMNS,
  type CsvColumn,
  type CsvWireRow,
  CsvWireRowSchema,
  DEFAULT_BASIS,
  MAX_REVISION,
  type PendingObservation,
  PendingObservationSchema,
  REQUIRED_FIELDS,
  toWireRow,
  WIRE_FIELDS,
  type WireField,
  type WireRow,
  WireRowSchema,
} from "./wire.ts";
