import { z } from "@hono/zod-openapi";
import { BusUnavailableError } from "@jindu/bus";
import { PushRefused } from "@jindu/pipeline";
import { isTransientError, VersionConflict } from "@jindu/store";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import zhCN from "zod/v4/locales/zh-CN.js";

/** Every error code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export const ErrorCode = z.enum(
  Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]],
);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** A message for bureaus and admins, in both languages. */
export type Message = { zh: string; en: string };

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string().openapi({ description: "English message" }),
      messageZh: z.string().openapi({ description: "中文说明" }),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Thrown by verbs and handlers; `onError` turns it into the one error shape. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(text.en);
    this.name = "ApiError";
  }
}

export const notFound = (what: Message) => new ApiError("NOT_FOUND", what);

export function errorBody(c: Context, code: ErrorCode, text: Message, details?: unknown): ErrorBody {
  const requestId = c.get("requestId") ?? "";
  return {
    error: { code, message: text.en, messageZh: text.zh, requestId, ...(details === undefined ? {} : { details }) },
  };
}

export function errorResponse(
  c: Context,
  code: ErrorCode,
  text: Message,
  details?: unknown,
  headers?: Record<string, string>,
) {
  return c.json(errorBody(c, code, text, details), ERROR_STATUS[code], headers);
}

const WHEN: Message = {
  en: "an ISO date (2024-07-31) or a datetime, in the city's time (2024-07-31T18:00) or with an offset (2024-07-31T18:00:00+08:00)",
  zh: "ISO 日期（如 2024-07-31）或日期时间（本市时间如 2024-07-31T18:00，或带时区如 2024-07-31T18:00:00+08:00）",
};

/**
 * What a field expects, where zod's own words would not say it (a union of formats reads
 * "Invalid input"). Fields not listed keep zod's message, in English and in Chinese.
 */
const EXPECTED: Record<string, Message> = {
  asOf: WHEN,
  knownAt: WHEN,
  since: WHEN,
  until: WHEN,
  from: WHEN,
  to: WHEN,
  dueDate: { en: "an ISO date (2024-07-31)", zh: "ISO 日期（如 2024-07-31）" },
  year: { en: "a year from 2000 to 2100 (2024)", zh: "2000—2100 之间的年份（如 2024）" },
  lastEventId: { en: "a whole number ≥ 0", zh: "不小于 0 的整数" },
  limit: { en: "a whole number within the page size limits", zh: "分页大小范围内的整数" },
};

const zh = zhCN().localeError;

type Issue = z.core.$ZodIssue;

/** One issue in both languages, naming the field and what it expects. */
export function describeIssue(issue: Issue): { path: string; code: string; message: string; messageZh: string } {
  const path = issue.path.join(".");
  const field = String(issue.path.at(-1) ?? "");
  const expected = Object.hasOwn(EXPECTED, field) ? EXPECTED[field] : undefined;
  const zodZh = zh(issue as Parameters<typeof zh>[0]);
  // A refinement of ours carries its Chinese text in `params.zh`.
  const customZh = issue.code === "custom" && typeof issue.params?.zh === "string" ? issue.params.zh : undefined;
  const ownZh = customZh ?? (typeof zodZh === "string" ? zodZh : (zodZh?.message ?? "无效输入"));
  const prefix = path ? `${path}: ` : "";
  return {
    path,
    code: issue.code,
    message: expected ? `${prefix}expected ${expected.en}` : `${prefix}${issue.message}`,
    messageZh: expected ? `${path ? `${path}：` : ""}应为${expected.zh}` : `${path ? `${path}：` : ""}${ownZh}`,
  };
}

/** zod failures on any request part → 400, the first issue in the message, all of them as details. */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError }, c: Context) {
  if (result.success) return;
  const issues = result.error.issues.map(describeIssue);
  const first = issues[0];
  const more =
    issues.length > 1 ? { en: ` (and ${issues.length - 1} more)`, zh: `（另有${issues.length - 1}处）` } : null;
  return errorResponse(
    c,
    "BAD_REQUEST",
    first
      ? {
          en: `The request is not valid: ${first.message}${more?.en ?? ""}`,
          zh: `请求参数不合法：${first.messageZh}${more?.zh ?? ""}`,
        }
      : { en: "The request is not valid", zh: "请求参数不合法" },
    issues,
  );
}

/** Two writers changed the same record at once and the other one's change is the one stored. */
const CONCURRENT_CHANGE: Message = {
  en: "Someone else changed this at the same moment; nothing of this request was stored. Reload and try again",
  zh: "其他人同时修改了同一条记录，本次请求未保存，请刷新后重试",
};

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

const STORE_UNAVAILABLE: Message = {
  en: "The data store is temporarily unavailable: try again in a few seconds (a repeated push is stored once)",
  zh: "数据存储暂时不可用，请稍后重试（重复推送的数据只保存一次）",
};
const BUS_UNAVAILABLE: Message = {
  en: "The message bus (Kafka) is temporarily unavailable: try again in a few seconds (a repeated push is stored once)",
  zh: "消息总线（Kafka）暂时不可用，请稍后重试（重复推送的数据只保存一次）",
};

/** A dependency that is down for now (the store, Kafka): 503 with Retry-After, never a 500. */
function unavailable(err: Error): Message | null {
  if (err instanceof BusUnavailableError) return BUS_UNAVAILABLE;
  if (isTransientError(err)) return STORE_UNAVAILABLE;
  return null;
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.text, err.details, err.headers);
  if (err instanceof PushRefused) return errorResponse(c, "PAYLOAD_TOO_LARGE", err.text);
  if (err instanceof VersionConflict) return errorResponse(c, "CONFLICT", CONCURRENT_CHANGE);
  const down = unavailable(err);
  if (down) {
    console.warn(`[api] ${c.req.method} ${c.req.path}: 503, ${err.name}: ${err.message}`);
    return errorResponse(c, "UNAVAILABLE", down, undefined, { "retry-after": String(RETRY_AFTER_SECONDS) });
  }
  if (err instanceof HTTPException) {
    const code = err.status === 413 ? "PAYLOAD_TOO_LARGE" : err.status === 404 ? "NOT_FOUND" : "BAD_REQUEST";
    return errorResponse(c, code, { en: err.message || "Bad request", zh: "请求无法处理" });
  }
  console.error(`[api] ${c.req.method} ${c.req.path} failed`, err);
  return errorResponse(c, "INTERNAL", { en: "Internal error", zh: "服务器内部错误" });
}
