import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import type { AppEnv } from "./context.ts";

/**
 * The board's reads, which a refreshing board asks for again and again. Their tag is a digest of
 * the body actually sent, so whatever the answer depends on (new data, asOf/knownAt/year/lang, the
 * caller's scope) changes it: a different answer is never answered 304.
 */
const CONDITIONAL_PATHS = ["/v1/progress", "/v1/progress/:code", "/v1/summary", "/v1/targets", "/v1/targets/:code"];

/** `ETag` and `If-None-Match` → 304 on the board's reads (hono's etag, SHA-1 of the body). */
export function registerConditionalReads(app: OpenAPIHono<AppEnv>) {
  // A 304 keeps what its 200 would have said of caching, and the request id for support.
  const conditional = etag({ retainedHeaders: [...RETAINED_304_HEADERS, "x-request-id"] });
  for (const path of CONDITIONAL_PATHS) app.use(path, conditional);
}

const JSON_TYPE = /^application\/json/i;
/** Below this a JSON answer is sent as it is: compressing it saves less than it costs. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * gzip or deflate (per Accept-Encoding) for JSON answers of at least 1 KiB (hono's compress; it
 * has no brotli). Only JSON: the stream (text/event-stream, which must go out event by event),
 * the xlsx and docx exports (zip files already) and bodiless 304s are left alone.
 */
export function compressJson(): MiddlewareHandler<AppEnv> {
  const compressor = compress({ threshold: COMPRESS_THRESHOLD, contentTypeFilter: JSON_TYPE });
  return (c, next) =>
    compressor(c, async () => {
      await next();
      if (c.req.header("accept-encoding")) await declareLength(c);
    });
}

/**
 * compress can only see the threshold through Content-Length, which c.json and c.body do not set:
 * give a JSON answer (in memory already) its length, so that small ones stay uncompressed.
 */
async function declareLength(c: Context<AppEnv>) {
  const res = c.res;
  const type = res.headers.get("content-type") ?? "";
  if (!res.body || !JSON_TYPE.test(type) || res.headers.has("content-length") || res.headers.has("transfer-encoding"))
    return;
  const bytes = await res.arrayBuffer();
  c.res = new Response(bytes, res);
  c.res.headers.set("content-length", String(bytes.byteLength));
}
