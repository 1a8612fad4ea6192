import { BusEnv, flag, integer, optionalString, parseEnv, port, SecretKeyEnv, StoreEnv, text } from "@jindu/config";
import { EvaluatorSettings } from "@jindu/evaluator";
import { z } from "zod";

/** true / false / 1 / 0, or unset (undefined): the caller decides the default. */
const optionalFlag = optionalString
  .pipe(z.enum(["true", "false", "1", "0"]).optional())
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

/**
 * The API's configuration, parsed once at boot. Embedded mode needs none of it. It includes the
 * evaluator's settings: in embedded mode this process hosts the evaluator (`@jindu/evaluator`).
 */
export const ApiEnv = StoreEnv.extend(BusEnv.shape)
  .extend(SecretKeyEnv.shape)
  .extend(EvaluatorSettings.shape)
  .extend({
    JINDU_HOST: text("127.0.0.1"),
    JINDU_PORT: port(8420),
    /** The built console, served at `/` when present. */
    JINDU_CONSOLE_DIR: text("apps/console/dist"),
    /** Seed the store with the built-in catalog's targets at boot (only those not stored yet). */
    JINDU_SEED_CATALOG: flag(true),
    /**
     * Load the demo dataset (2024 figures through September, reported by a source named 演示数据) on
     * the first start of a store without data. Unset: true with the embedded store, false with a server.
     */
    JINDU_DEMO: optionalFlag,
    /**
     * Optional service token: a bearer that acts as an admin, for automation (scripts, Prometheus,
     * tests). Unset: none — people sign in with a username and password.
     */
    JINDU_ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "at least 16 characters").optional()),
    /** The first admin's password, used only when the store has no users yet; unset: generated and printed once. */
    JINDU_ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, "at least 12 characters").optional()),
    /** How long a sign-in lasts, in hours (default 12, at most 30 days). */
    JINDU_SESSION_HOURS: integer(12, 1).pipe(z.number().max(720, "at most 720 hours (30 days)")),
    /** Behind a reverse proxy: take the client address (last X-Forwarded-For hop) and https from it. */
    JINDU_TRUST_PROXY: flag(false),
    /** Run the ingest worker in this process too (always so in embedded mode). */
    JINDU_RUN_WORKER: flag(false),
    /** Largest push body, in bytes (16 MiB). */
    JINDU_MAX_BODY_BYTES: integer(16 * 1024 * 1024, 1024),
    /** Most rows in one push. */
    JINDU_MAX_ROWS: integer(50_000, 1),
    /**
     * Pushes per source and second, and how many at once: at most BURST in any BURST/RATE seconds,
     * for all API processes on the store together (counted in `ingest_counts`).
     */
    JINDU_INGEST_RATE: integer(10, 1),
    JINDU_INGEST_BURST: integer(50, 1),
    /**
     * Rejected rows kept in quarantine per source and day, for all API processes on the store
     * together; later ones are answered and counted, not kept.
     */
    JINDU_QUARANTINE_PER_DAY: integer(10_000, 0),
    /**
     * Host the alert evaluator in this process. Exactly ONE process of a deployment may run one: it
     * is the only writer of alert states. Unset: true in embedded mode (JINDU_BUS=memory), false with
     * Kafka, where apps/evaluator runs it.
     */
    JINDU_RUN_EVALUATOR: optionalFlag,
  });
export type ApiEnv = z.infer<typeof ApiEnv>;

export const loadApiEnv = (env: NodeJS.ProcessEnv = process.env): ApiEnv => parseEnv(ApiEnv, env);

/** Whether a first start loads the demo dataset: as configured, else only with the embedded store. */
export const loadsDemo = (env: ApiEnv): boolean => env.JINDU_DEMO ?? env.JINDU_STORE === "embedded";

/** Whether this process runs the alert evaluator: as configured, else only in embedded mode. */
export const runsEvaluator = (env: ApiEnv): boolean => env.JINDU_RUN_EVALUATOR ?? env.JINDU_BUS === "memory";
