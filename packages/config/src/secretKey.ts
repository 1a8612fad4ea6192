import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { SecretKey } from "@jindu/auth";
import { z } from "zod";
import { optionalString, text } from "./env.ts";

/** 32 bytes, written as 64 hex digits or base64 (url-safe or not). */
export function parseSecretKey(text: string): SecretKey | null {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  return key.length === 32 ? key : null;
}

const isSecretKeyText = (text: string) => parseSecretKey(text) !== null;

/**
 * The key that seals webhook secrets: JINDU_SECRET_KEY when set; otherwise the key in `file`,
 * generated there (mode 0600) on the first start. A generated key suits one machine; with several
 * API processes set JINDU_SECRET_KEY to the same value on each.
 */
export function loadSecretKey(opts: { key?: string; file: string }): { key: SecretKey; generated: string | null } {
  if (opts.key !== undefined) {
    const key = parseSecretKey(opts.key);
    if (!key) throw new Error("JINDU_SECRET_KEY must be 32 bytes: 64 hex digits or base64");
    return { key, generated: null };
  }
  const path = resolve(opts.file);
  if (existsSync(path)) {
    const key = parseSecretKey(readFileSync(path, "utf8"));
    if (!key) throw new Error(`${path} does not hold a 32-byte key (64 hex digits or base64)`);
    return { key, generated: null };
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  return { key, generated: path };
}

/**
 * The key's variables, for every process that seals or opens webhook secrets (the API stores a
 * channel's secret, the evaluator signs with it): all of a deployment's processes need the same key.
 */
export const SecretKeyEnv = z.object({
  /**
   * 32 bytes (64 hex digits or base64) sealing webhook signing secrets at rest (AES-256-GCM). Unset:
   * read from JINDU_SECRET_KEY_FILE, generated there on the first start. Every API process of a
   * deployment needs the same key.
   */
  JINDU_SECRET_KEY: optionalString.pipe(
    z.string().refine(isSecretKeyText, "32 bytes: 64 hex digits or base64").optional(),
  ),
  JINDU_SECRET_KEY_FILE: text(".jindu/secret.key"),
});
export type SecretKeyEnv = z.infer<typeof SecretKeyEnv>;

export const secretKeyFrom = (env: SecretKeyEnv) =>
  loadSecretKey({ key: env.JINDU_SECRET_KEY, file: env.JINDU_SECRET_KEY_FILE });
