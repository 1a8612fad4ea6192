import { type ClientRequest, request } from "node:http";

/**
 * Many server-sent-event streams from one process, over node:http (a socket each, no fetch
 * machinery): each stream notes when its `ready` event came and, per target code, when the first
 * `progress` event for it arrived — stamped when the chunk holding it was read, before parsing.
 */
export class StreamClient {
  readonly progressAt = new Map<string, number>();
  private buffer = "";
  private req: ClientRequest | null = null;

  private constructor() {}

  static open(port: number, token: string, timeoutMs: number): Promise<StreamClient> {
    const client = new StreamClient();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready event within ${timeoutMs} ms`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      client.req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/v1/stream",
          headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
          agent: false,
        },
        (res) => {
          if (res.statusCode !== 200) {
            fail(new Error(`stream answered ${res.statusCode}`));
            res.resume();
            return;
          }
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            const at = performance.now();
            client.buffer += chunk;
            for (let end = client.buffer.indexOf("\n\n"); end >= 0; end = client.buffer.indexOf("\n\n")) {
              const block = client.buffer.slice(0, end);
              client.buffer = client.buffer.slice(end + 2);
              if (client.read(block, at) === "ready") {
                clearTimeout(timer);
                resolve(client);
              }
            }
          });
          res.on("error", () => {});
        },
      );
      client.req.on("error", fail);
      client.req.end();
    });
  }

  /** Parses one event block; returns its event name. Comments (heartbeats) are skipped. */
  private read(block: string, at: number): string | null {
    let event: string | null = null;
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data += line.slice(5).trimStart();
    }
    if (event === "progress") {
      const code = (JSON.parse(data) as { code?: unknown }).code;
      if (typeof code === "string" && !this.progressAt.has(code)) this.progressAt.set(code, at);
    }
    return event;
  }

  close(): void {
    this.req?.destroy();
  }
}
