/** A minimal server-sent-events reader over fetch, for tests: events and comment lines, in order. */
export type SseItem = { kind: "event"; id?: string; event: string; data: string } | { kind: "comment"; text: string };

export class SseClient {
  private readonly items: SseItem[] = [];
  private waiters: (() => void)[] = [];
  private readonly controller = new AbortController();
  private buffer = "";

  private constructor() {}

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, {
      headers: { accept: "text/event-stream", ...headers },
      signal: client.controller.signal,
    });
    if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
    void client.pump(res.body);
    return client;
  }

  private async pump(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end = this.buffer.indexOf("\n\n");
        while (end >= 0) {
          this.parse(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
          end = this.buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted
    }
  }

  private parse(block: string) {
    const fields: Record<string, string> = {};
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) {
        this.push({ kind: "comment", text: line.slice(1).trim() });
        continue;
      }
      const at = line.indexOf(":");
      const name = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
      fields[name] = name === "data" && fields.data !== undefined ? `${fields.data}\n${value}` : value;
    }
    if (fields.data !== undefined || fields.event !== undefined) {
      this.push({ kind: "event", id: fields.id, event: fields.event ?? "message", data: fields.data ?? "" });
    }
  }

  private push(item: SseItem) {
    this.items.push(item);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until an item matching `match` has arrived (after `from`), and returns its index and item. */
  async waitFor(match: (i: SseItem) => boolean, timeoutMs = 3000, from = 0): Promise<{ index: number; item: SseItem }> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const index = this.items.findIndex((i, n) => n >= from && match(i));
      const item = this.items[index];
      if (item) return { index, item };
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.items)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  }

  events(): Extract<SseItem, { kind: "event" }>[] {
    return this.items.filter((i): i is Extract<SseItem, { kind: "event" }> => i.kind === "event");
  }

  close() {
    this.controller.abort();
  }
}
