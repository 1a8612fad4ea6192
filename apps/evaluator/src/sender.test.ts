import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookSecret } from "@jindu/auth";
import { listWebhookDeliveries, type Store, sentChannels } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, verifySignature } from "./payload.ts";
import { type WebhookJob, WebhookSender } from "./sender.ts";
import { deadUrl, startReceiver } from "./testing/webhooks.ts";

const KEY = randomBytes(32);
let store: Store;
let cleanup: () => Promise<void>;
let ref = "";
let secret = "";
const errors: string[] = [];

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_webhook_sender"));
  ({ ref, secret } = await createWebhookSecret(store, KEY, "test"));
});
afterAll(async () => cleanup());

const sender = (opts: ConstructorParameters<typeof WebhookSender>[1] = {}) =>
  new WebhookSender(
    { store, secretKey: KEY, now: () => new Date(), log: (m) => errors.push(m) },
    { attempts: 3, backoffMs: 20, timeoutMs: 500, ...opts },
  );

let n = 0;
function job(url: string, over: Partial<WebhookJob> = {}): WebhookJob {
  const id = (++n).toString(16).padStart(32, "0");
  return {
    notificationId: id,
    ruleId: "r",
    key: "r:c",
    channel: `webhook:${ref}:${url}`,
    url,
    secretRef: ref,
    payload: JSON.stringify({ id, n }),
    ...over,
  };
}

const attempts = async (notificationId: string) =>
  (await listWebhookDeliveries(store, { notificationId })).items
    .map((d) => [d.attempt, d.ok, d.final, d.statusCode, d.error])
    .reverse();

describe("the webhook sender", () => {
  it("retries a failing answer with backoff and stops at the first 2xx", async () => {
    const receiver = await startReceiver();
    receiver.answer(503, 1);
    const s = sender();
    const j = job(receiver.url);
    s.enqueue(j);
    await s.idle();
    expect(await attempts(j.notificationId)).toEqual([
      [1, false, false, 503, "HTTP 503"],
      [2, true, true, 204, null],
    ]);
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received)
      expect(verifySignature(secret, r.body, String(r.headers[SIGNATURE_HEADER]))).toBe(true);
    expect((await sentChannels(store, [j.notificationId])).get(j.notificationId)).toEqual(new Set([j.channel]));
    await receiver.close();
  });

  it("gives up after the last attempt, and never sends unsigned", async () => {
    const s = sender();
    const refused = job(await deadUrl());
    const unsigned = job("http://127.0.0.1:9/x", { secretRef: null, channel: "webhook::http://127.0.0.1:9/x" });
    s.enqueue(refused);
    s.enqueue(unsigned);
    await s.idle();
    const tried = await attempts(refused.notificationId);
    expect(tried.map((a) => [a[0], a[1], a[2]])).toEqual([
      [1, false, false],
      [2, false, false],
      [3, false, true],
    ]);
    expect(String(tried[0]?.[4])).toMatch(/ECONNREFUSED/);
    expect(await attempts(unsigned.notificationId)).toEqual([
      [1, false, true, null, "the channel has no signing secret (secretRef)"],
    ]);
    const sent = await sentChannels(store, [refused.notificationId, unsigned.notificationId]);
    expect(sent.size).toBe(2);
  });

  it("times out a silent endpoint without holding up another alert's delivery", async () => {
    const silent = createServer(() => {}); // never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const receiver = await startReceiver();
    const s = sender({ attempts: 1, timeoutMs: 300 });
    const slow = job(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, { key: "r:slow" });
    const started = Date.now();
    s.enqueue(slow);
    s.enqueue(job(receiver.url, { key: "r:other" }));
    while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(Date.now() - started).toBeLessThan(250);
    await s.idle();
    expect(await attempts(slow.notificationId)).toEqual([[1, false, true, null, "timed out"]]);
    silent.closeAllConnections();
    silent.close();
    await receiver.close();
  });

  it("stops retrying on close, leaving the notification owed", async () => {
    const s = sender({ backoffMs: 60_000 });
    const j = job(await deadUrl());
    s.enqueue(j);
    while ((await attempts(j.notificationId)).length === 0) await new Promise((r) => setTimeout(r, 5));
    await s.close();
    expect(await attempts(j.notificationId)).toHaveLength(1);
    expect((await sentChannels(store, [j.notificationId])).size).toBe(0);
    s.enqueue(job(await deadUrl()));
    await s.idle();
    expect(errors).toEqual([]);
  });
});
