import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import type { LiveEvent } from "../../../live.ts";
import { boardSecurity } from "../shared.ts";

const streamRoute = createRoute({
  method: "get",
  path: "/v1/stream",
  tags: ["progress"],
  summary: "Server-sent events: progress changes (and alert changes), with ids and heartbeats",
  security: boardSecurity,
  description:
    "Events: `progress` (data: { code, year, status, previousStatus, statusChanged, progress }), `alert` (data: " +
    "{ key, ruleId, ruleName, code, targetName, severity, state, status, event }: an alert's transition, " +
    "notification, acknowledgement or silence; only to signed-in readers, a bureau user's own bureau's targets only, " +
    "as GET /v1/alerts), `reset` (the " +
    "client missed more than the server keeps, or sent an id it never gave: reload), `ready` (first event: the " +
    "current last id). Ids keep counting across server restarts: reconnect with the `Last-Event-ID` header (or " +
    "`?lastEventId=`) to get what was missed, then live events. A comment " +
    "line is sent every heartbeat interval so proxies keep the stream open.",
  request: {
    query: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
  },
  responses: {
    200: { content: { "text/event-stream": { schema: z.string() } }, description: "An event stream" },
  },
});

export function registerStream(app: OpenAPIHono<AppEnv>, heartbeatMs: number) {
  app.openAPIRegistry.registerPath(streamRoute);
  app.get("/v1/stream", requireBoardRead(), (c) => {
    const hub = c.get("ctx").live;
    const header = Number(c.req.header("last-event-id"));
    const query = Number(c.req.query("lastEventId"));
    const lastEventId =
      Number.isInteger(header) && header >= 0 ? header : Number.isInteger(query) && query >= 0 ? query : undefined;
    c.header("x-accel-buffering", "no");
    return streamSSE(c, async (stream) => {
      const queue: (LiveEvent | "heartbeat")[] = [];
      let wake: (() => void) | null = null;
      const push = (item: LiveEvent | "heartbeat") => {
        queue.push(item);
        wake?.();
      };
      // Each stream gets what its reader may see, live and replayed: alerts as GET /v1/alerts shows them.
      const { missed, reset, unsubscribe } = hub.subscribe(push, { viewer: c.get("user"), lastEventId });
      const beat = setInterval(() => push("heartbeat"), heartbeatMs);
      let open = true;
      stream.onAbort(() => {
        open = false;
        clearInterval(beat);
        unsubscribe();
        wake?.();
      });
      const send = (e: LiveEvent) =>
        stream.writeSSE({ id: String(e.id), event: e.event, data: JSON.stringify(e.data) });
      if (reset) await stream.writeSSE({ event: "reset", data: JSON.stringify({ lastId: hub.lastId }) });
      for (const e of missed) await send(e);
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ lastId: hub.lastId, clients: hub.clients }) });
      while (open) {
        const next = queue.shift();
        if (next === "heartbeat") await stream.write(": heartbeat\n\n");
        else if (next) await send(next);
        else
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
      }
    });
  });
}
