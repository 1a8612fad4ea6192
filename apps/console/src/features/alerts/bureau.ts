import { BUREAUS } from "@jindu/schema";
import type { Lang } from "../../lib/format.ts";

/** A bureau's name in the reader's language (its code when unknown). */
export function bureauName(code: string, lang: Lang): string {
  const b = BUREAUS[code as keyof typeof BUREAUS];
  return b ? (lang === "en" ? b.en : b.zh) : code;
}

/** Severity tones (tones.css). */
export const SEVERITY_TONE = { info: "tone-blue", warning: "tone-gold", critical: "tone-red" } as const;
