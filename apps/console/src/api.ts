import type {
  ErrorBody,
  ListProgressResponse,
  ListTargetsResponse,
  LoginResponse,
  MeResponse,
  SummaryResponse,
} from "@jindu/api/types";

export type { ListProgressResponse, ListTargetsResponse, MeResponse, SummaryResponse };
export type ProgressItem = ListProgressResponse["items"][number];
export type TargetItem = ListTargetsResponse["items"][number];

/** An API error with the server's message in both languages and its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

let csrfToken: string | null = null;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  if (init.body) headers.set("content-type", "application/json");
  // The session cookie authenticates; a change made with it must carry the CSRF token.
  if (csrfToken && init.method && init.method !== "GET") headers.set("x-csrf-token", csrfToken);
  const res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(
      res.status,
      body?.error.messageZh ?? `HTTP ${res.status}`,
      body?.error.message ?? `HTTP ${res.status}`,
    );
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function me(): Promise<MeResponse | null> {
  try {
    const m = await call<MeResponse>("/v1/auth/me");
    csrfToken = m.csrfToken;
    return m;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function login(username: string, password: string): Promise<LoginResponse> {
  const r = await call<LoginResponse>("/v1/auth/login", {
    method: "POST",
    body: JSON.stringify({ username, password }),
  });
  csrfToken = r.csrfToken;
  return r;
}

export async function logout(): Promise<void> {
  await call("/v1/auth/logout", { method: "POST" });
  csrfToken = null;
}

export const fetchTargets = () => call<ListTargetsResponse>("/v1/targets");
/** The two clocks of a read: `asOf` (which periods count) and `knownAt` (which reports); empty: the defaults. */
export type Clocks = { asOf: string; knownAt: string };
export function clocksQuery({ asOf, knownAt }: Clocks): string {
  const q = new URLSearchParams();
  if (asOf) q.set("asOf", asOf);
  if (knownAt) q.set("knownAt", knownAt);
  const text = q.toString();
  return text ? `?${text}` : "";
}
export const fetchProgress = (c: Clocks) => call<ListProgressResponse>(`/v1/progress${clocksQuery(c)}`);
export const fetchSummary = (c: Clocks) => call<SummaryResponse>(`/v1/summary${clocksQuery(c)}`);
