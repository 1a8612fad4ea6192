import {
  createSourceRecord,
  type Source,
  type SourceInput,
  type Store,
  sourcesByKeyPrefix,
  updateSourceRecord,
} from "@jindu/store";
import { apiKeyMatches, apiKeyPrefix, newApiKey } from "./tokens.ts";

/** Creates a source and its API key; the key is returned once and only its hash is stored. */
export async function createSource(
  store: Store,
  input: SourceInput,
  actor: string,
): Promise<{ source: Source; apiKey: string } | { conflict: true }> {
  const { key, prefix, hash } = newApiKey();
  const created = await createSourceRecord(store, input, { prefix, hash }, actor);
  return "conflict" in created ? created : { source: created, apiKey: key };
}

/** Changes a source; `rotateKey` issues a new key (the old one stops working), `revoked` disables it. */
export async function updateSource(
  store: Store,
  id: string,
  patch: Partial<Omit<SourceInput, "id">> & { revoked?: boolean; rotateKey?: boolean },
  actor: string,
): Promise<{ source: Source; apiKey?: string } | null> {
  const { rotateKey, ...rest } = patch;
  const rotated = rotateKey ? newApiKey() : null;
  const source = await updateSourceRecord(
    store,
    id,
    rotated ? { ...rest, key: { prefix: rotated.prefix, hash: rotated.hash } } : rest,
    actor,
  );
  if (!source) return null;
  return rotated ? { source, apiKey: rotated.key } : { source };
}

export type KeyCheck = { ok: true; source: Source } | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Finds the source an API key belongs to, comparing hashes in constant time. */
export async function authenticateSourceKey(store: Store, key: string): Promise<KeyCheck> {
  const prefix = apiKeyPrefix(key);
  if (!prefix) return { ok: false, reason: "malformed" };
  const found = (await sourcesByKeyPrefix(store, prefix)).find((s) => apiKeyMatches(key, s.keyHash));
  if (!found) return { ok: false, reason: "unknown" };
  if (found.source.revoked) return { ok: false, reason: "revoked" };
  return { ok: true, source: found.source };
}
