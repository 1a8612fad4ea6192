import { randomBytes } from "node:crypto";
import { existingWebhookSecrets, listAudit, type Store } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWebhookSecret, decryptSecret, encryptSecret, readWebhookSecret, secretKeyId } from "./index.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_webhook_secrets"));
});
afterAll(async () => cleanup());

describe("webhook secrets", () => {
  const key = randomBytes(32);

  it("are sealed with AES-256-GCM bound to their ref, and readable only with the same key", async () => {
    const sealed = encryptSecret(key, "s3cret", "whs_0");
    expect(decryptSecret(key, sealed, "whs_0")).toBe("s3cret");
    expect(() => decryptSecret(key, sealed, "whs_1")).toThrow();
    expect(() => decryptSecret(randomBytes(32), sealed, "whs_0")).toThrow();
    expect(() => encryptSecret(randomBytes(16), "x", "y")).toThrow(/32 bytes/);

    const { ref, secret } = await createWebhookSecret(store, key, "admin");
    expect(ref).toMatch(/^whs_[0-9a-f]{16}$/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await readWebhookSecret(store, key, ref)).toEqual({ ok: true, secret });
    const other = await readWebhookSecret(store, randomBytes(32), ref);
    expect(other).toMatchObject({ ok: false, reason: "other_key" });
    expect(!other.ok && other.message.zh).toContain(secretKeyId(key));
    expect(await readWebhookSecret(store, key, "whs_0000000000000000")).toMatchObject({ reason: "unknown" });
    expect(await existingWebhookSecrets(store, [ref, "whs_0000000000000000"])).toEqual(new Set([ref]));

    const raw = await store.query({
      sql: "SELECT ciphertext FROM {db:Identifier}.webhook_secrets",
      row: z.object({ ciphertext: z.string() }),
    });
    expect(JSON.stringify(raw)).not.toContain(secret);
    const audit = await listAudit(store, { entity: "webhook_secrets" });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});
