import { ApiError } from "../api/client.ts";

/** An API error that names the field it concerns (`details[0].path` of a 400), so a form can show it there. */
export class FieldApiError extends ApiError {
  constructor(
    status: number,
    zh: string,
    en: string,
    /** `thresholds.cumulativeRedGap` → ["thresholds", "cumulativeRedGap"]; empty: the form as a whole. */
    readonly field: string[],
    /** The field's own message, without the "request is not valid" preamble. */
    readonly fieldZh: string,
    readonly fieldEn: string,
  ) {
    super(status, zh, en);
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };
type Issue = { path?: string; message?: string; messageZh?: string };

/** Like `unwrap`, keeping the field a 400 names. */
export async function unwrapFields<T>(p: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await p;
  if (response.ok) return data as T;
  const body = error as { error?: { message?: string; messageZh?: string; details?: unknown } } | undefined;
  const en = body?.error?.message ?? `HTTP ${response.status}`;
  const zh = body?.error?.messageZh ?? `HTTP ${response.status}`;
  const first = (Array.isArray(body?.error?.details) ? body.error.details[0] : undefined) as Issue | undefined;
  throw new FieldApiError(
    response.status,
    zh,
    en,
    first?.path ? first.path.split(".") : [],
    first?.messageZh ?? zh,
    first?.message ?? en,
  );
}
