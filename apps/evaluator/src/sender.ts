import { readWebhookSecret, type SecretKey } from "@jindu/auth";
import { markNotificationsSent, recordWebhookDelivery, type Store } from "@jindu/store";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from "./payload.ts";

export type WebhookOptions = {
  /** Attempts per notification and endpoint, the first included (default 5). */
  attempts: number;
  /** Wait before the second attempt; doubled for each further one (default 1 s: 1, 2, 4, 8 s). */
  backoffMs: number;
  /** Longest wait between attempts (default 5 minutes). */
  maxBackoffMs: number;
  /** An attempt without an answer by then has failed (default 5 s). */
  timeoutMs: number;
};

const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  attempts: 5,
  backoffMs: 1_000,
  maxBackoffMs: 300_000,
  timeoutMs: 5_000,
};

/** One notification for one webhook channel. `payload` is sent and signed byte for byte. */
export type WebhookJob = {
  notificationId: string;
  ruleId: string;
  key: string;
  /** The channel as recorded with the notification (`webhook:<ref>:<url>`). */
  channel: string;
  url: string;
  secretRef: string | null;
  payload: string;
};

type Deps = {
  store: Store;
  secretKey: SecretKey | null;
  now: () => Date;
  log: (message: string, err?: unknown) => void;
};

const isOk = (status: number) => status >= 200 && status < 300;

/**
 * Delivers webhook notifications in the background: the evaluator enqueues and moves on, so a slow or
 * dead endpoint never holds up an evaluation, nor other endpoints. Each attempt is logged
 * (`webhook_deliveries`); failures are retried with exponential backoff; the outcome (delivered,
 * or given up after the last attempt) is recorded in `notifications_sent`, so a restarted
 * evaluator does not send it again. Notifications of one alert to one endpoint go out in order.
 */
export class WebhookSender {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly waits = new Set<() => void>();
  private closed = false;
  private readonly opts: WebhookOptions;

  constructor(
    private readonly deps: Deps,
    opts: Partial<WebhookOptions> = {},
  ) {
    this.opts = { ...DEFAULT_WEBHOOK_OPTIONS, ...opts };
  }

  enqueue(job: WebhookJob): void {
    if (this.closed) return;
    const lane = `${job.channel}|${job.key}`;
    const previous = this.chains.get(lane) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(job)).catch((err: unknown) => this.deps.log("webhook failed", err));
    this.chains.set(lane, next);
    void next.then(() => {
      if (this.chains.get(lane) === next) this.chains.delete(lane);
    });
  }

  /** Resolves once nothing is queued or being retried (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Stops retrying: jobs still waiting stay unsent and are owed again by the next evaluator. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waits) wake();
    await this.idle();
  }

  private async deliver(job: WebhookJob): Promise<void> {
    const secret = await this.secretFor(job);
    if (secret === null) return;
    for (let attempt = 1; attempt <= this.opts.attempts && !this.closed; attempt++) {
      const final = attempt === this.opts.attempts;
      const outcome = await this.attempt(job, secret, attempt, final);
      if (outcome === "delivered" || final) {
        await this.settle(job, outcome === "delivered" ? "delivered" : "gave_up");
        return;
      }
      await this.sleep(Math.min(this.opts.backoffMs * 2 ** (attempt - 1), this.opts.maxBackoffMs));
    }
  }

  /** The channel's signing secret, or null after logging why there is none (nothing is sent unsigned). */
  private async secretFor(job: WebhookJob): Promise<string | null> {
    const why = await this.secretProblem(job);
    if (typeof why !== "string") return why.secret;
    await this.log(job, { attempt: 1, ok: false, final: true, statusCode: null, error: why, durationMs: 0 });
    await this.settle(job, "gave_up");
    return null;
  }

  private async secretProblem(job: WebhookJob): Promise<{ secret: string } | string> {
    if (job.secretRef === null) return "the channel has no signing secret (secretRef)";
    if (this.deps.secretKey === null) return "the server has no JINDU_SECRET_KEY to read signing secrets with";
    const found = await readWebhookSecret(this.deps.store, this.deps.secretKey, job.secretRef);
    return found.ok ? { secret: found.secret } : found.message.en;
  }

  private async attempt(job: WebhookJob, secret: string, attempt: number, final: boolean) {
    const started = performance.now();
    const at = this.deps.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(job.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "jindu-alerts/1",
          [SIGNATURE_HEADER]: signBody(secret, job.payload),
          [TIMESTAMP_HEADER]: String(Math.floor(at.getTime() / 1000)),
          [EVENT_ID_HEADER]: job.notificationId,
          "x-jindu-attempt": String(attempt),
        },
        body: job.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (!isOk(res.status)) error = `HTTP ${res.status}`;
    } catch (err) {
      error = describe(err);
    }
    const ok = statusCode !== null && isOk(statusCode);
    const durationMs = performance.now() - started;
    await this.log(job, { attempt, ok, final: ok || final, statusCode, error, durationMs }, at);
    return ok ? "delivered" : "failed";
  }

  private async log(
    job: WebhookJob,
    a: {
      attempt: number;
      ok: boolean;
      final: boolean;
      statusCode: number | null;
      error: string | null;
      durationMs: number;
    },
    at = this.deps.now(),
  ) {
    try {
      await recordWebhookDelivery(this.deps.store, {
        notificationId: job.notificationId,
        ruleId: job.ruleId,
        alertKey: job.key,
        url: job.url,
        ...a,
        at: at.toISOString(),
      });
    } catch (err) {
      this.deps.log("could not log a webhook attempt", err);
    }
  }

  private async settle(job: WebhookJob, outcome: "delivered" | "gave_up") {
    await markNotificationsSent(this.deps.store, [
      { notificationId: job.notificationId, channel: job.channel, outcome },
    ]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }
}

/** fetch hides the reason in `cause` (ECONNREFUSED, …); a timeout is an AbortSignal's TimeoutError. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === "TimeoutError") return "timed out";
  const cause = err.cause;
  if (cause instanceof Error) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : null;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return err.message;
}
