/** A webhook receiver on loopback for the alert tests, and an address nobody listens on. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebhookPayloadSchema } from "../payload.ts";

type Received = { headers: IncomingHttpHeaders; body: string; receivedAt: number };

export type Receiver = {
  url: string;
  received: Received[];
  /** The payloads received so far, parsed with the webhook schema. */
  payloads(): ReturnType<typeof WebhookPayloadSchema.parse>[];
  /** Answer the next `times` requests with `status` (then 204 again). */
  answer(status: number, times: number): void;
  close(): Promise<void>;
};

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const received: Received[] = [];
  let next: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now() });
      res.statusCode = next.shift() ?? 204;
      res.end();
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    payloads: () => received.map((r) => WebhookPayloadSchema.parse(JSON.parse(r.body))),
    answer: (status, times) => {
      next = Array.from({ length: times }, () => status);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback URL whose port was just freed: connections are refused. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/dead`;
}
