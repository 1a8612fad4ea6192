import { issueTextZh } from "@jindu/schema/issues";
import type { z } from "zod";
import { ApiError } from "../api/client.ts";
import type { Lang } from "./format.ts";

/** Errors by dotted path ("condition.pp"), in the reader's language. */
export type FieldErrors = Map<string, string>;

/** A failed parse of one of the shared schemas, by field. */
export function issuesByPath(error: z.ZodError, lang: Lang): FieldErrors {
  const out: FieldErrors = new Map();
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    if (!out.has(path)) out.set(path, lang === "en" ? issue.message : issueTextZh(issue));
  }
  return out;
}

/** The API's field errors (`details`: [{ path, message, messageZh }]), by field. */
export function apiErrorsByPath(e: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = new Map();
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return out;
  for (const d of e.details as { path?: unknown; message?: unknown; messageZh?: unknown }[]) {
    const text = lang === "en" ? d.message : (d.messageZh ?? d.message);
    if (typeof d.path === "string" && typeof text === "string") out.set(d.path, text);
  }
  return out;
}
