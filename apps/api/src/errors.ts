import { z } from "@hono/zod-openapi";
import { BusUnavailableError } from "@jindu/bus";
import { PushRefused } from "@jindu/pipeline";
import { isTransientError, VersionConflict } from "@jindu/store";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

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

/** zod failures on any request part → 400 with the issues as details. */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError }, c: Context) {
  if (result.success) return;
  return errorResponse(
    c,
    "BAD_REQUEST",
    { en: "The request is not valid", zh: "请求参数不合法" },
    result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })),
  );
}

/** Two writers changed the same record at once and the other one's change is the one stored. */
export const CONCURRENT_CHANGE: Message = {
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
