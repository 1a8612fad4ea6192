import type { z } from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";

const zh = zhCN().localeError;

/** A zod issue in Chinese, as zod's own locale says it (the API answers the same words). */
export function issueTextZh(issue: z.core.$ZodIssue): string {
  const text = zh(issue as Parameters<typeof zh>[0]);
  return typeof text === "string" ? text : (text?.message ?? issue.message);
}
