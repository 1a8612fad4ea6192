import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.d.ts";

export type { paths };

type Json<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;
export type MeResponse = Json<"/v1/auth/me", "get">;
export type ProgressList = Json<"/v1/progress", "get">;
export type ProgressItem = ProgressList["items"][number];
type TargetList = Json<"/v1/targets", "get">;
export type TargetItem = TargetList["items"][number];
export type Summary = Json<"/v1/summary", "get">;
export type ProgressDetail = Json<"/v1/progress/{code}", "get">;
export type Status = ProgressItem["status"];

/** An API error with the server's message in both languages and its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly zh: string,
    en: string,
    /** What the API said about each field, when it says (zod issues: path, message, messageZh). */
    readonly details?: unknown,
  ) {
    super(en);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

// The session cookie authenticates; a change made with it must carry the CSRF token.
const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== "GET") request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The answer's body, or an ApiError with the server's two messages. */
export async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) {
    const body = error as { error?: { message?: string; messageZh?: string; details?: unknown } } | undefined;
    throw new ApiError(
      response.status,
      body?.error?.messageZh ?? `HTTP ${response.status}`,
      body?.error?.message ?? `HTTP ${response.status}`,
      body?.error?.details,
    );
  }
  return data as T;
}

/**
 * What a board read is about: its two clocks, `asOf` (which periods count) and `knownAt` (which
 * reports), and the report's `year`; undefined: the API's defaults (the year: the reader's current
 * one, see GET /v1/years). They travel together between the board, the wall and the drill-down.
 */
export type Clocks = { asOf?: string; knownAt?: string; year?: number };

/** The clocks that are set, as query parameters (and as a query key: the same object for the same read). */
export function readParams({ asOf, knownAt, year }: Clocks): Clocks {
  return {
    ...(asOf ? { asOf } : {}),
    ...(knownAt ? { knownAt } : {}),
    ...(year !== undefined ? { year } : {}),
  };
}

export function clocksQuery(c: Clocks): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(readParams(c))) q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : "";
}
