/**
 * Security and caching headers on every kind of answer: the API (signed in, anonymous, errors),
 * sign-in, the console's files and pages, and the docs page with its own policy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, login } from "#testing/auth.ts";

const ADMIN = "test-admin-token-0123456789";
let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let consoleDir = "";

beforeAll(async () => {
  // A console build as Vite lays it out: index.html and hashed files under assets/.
  consoleDir = mkdtempSync(join(tmpdir(), "jindu-console-"));
  mkdirSync(join(consoleDir, "assets"));
  writeFileSync(
    join(consoleDir, "index.html"),
    '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
  );
  writeFileSync(join(consoleDir, "assets", "index-abc123.js"), "console.log('board')");
  ({ store, app, close } = await startTestApp({ name: "jindu_headers", adminToken: ADMIN, app: { consoleDir } }));
  await addUser(store, { username: "zhao.leader", role: "leader" });
}, 30_000);

afterAll(async () => {
  await close?.();
  rmSync(consoleDir, { recursive: true, force: true });
});

function expectSecure(res: Response) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  return csp;
}

describe("security headers", () => {
  it("are on API answers, signed in or not, and on errors", async () => {
    for (const res of [
      await app.request("/v1/progress", { headers: bearer(ADMIN) }),
      await app.request("/v1/progress"),
      await app.request("/v1/alerts"),
      await app.request("/healthz"),
    ]) {
      expectSecure(res);
    }
  });

  it("never let a signed-in answer or sign-in's be stored", async () => {
    const signedIn = await app.request("/v1/progress", { headers: bearer(ADMIN) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    const stream = await app.request("/v1/stream", { headers: bearer(ADMIN) });
    expect(stream.headers.get("cache-control")).toBe("no-store");
    await stream.body?.cancel();
    const ok = await login(app, "zhao.leader", "zhao.leader-password");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const wrong = await login(app, "zhao.leader", "not-the-password");
    expect(wrong.headers.get("cache-control")).toBe("no-store");
  });

  it("keep hashed console assets for good and revalidate index.html", async () => {
    const asset = await app.request("/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expectSecure(asset);
    for (const path of ["/", "/index.html", "/board/gdp_growth"]) {
      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("/assets/index-abc123.js");
      expect(page.headers.get("cache-control")).toBe("no-cache");
      expectSecure(page);
    }
    expect((await app.request("/assets/missing-000.js")).status).toBe(404);
  });

  it("give /docs a policy that swagger UI works under: no inline script", async () => {
    const page = await app.request("/docs");
    expect(page.status).toBe(200);
    const csp = expectSecure(page);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    const html = await page.text();
    expect(html).not.toMatch(/<script>/);
    const init = await app.request("/docs/init.js");
    expect(init.status).toBe(200);
    expect(await init.text()).toContain("SwaggerUIBundle");
    const bundle = await app.request("/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    await bundle.body?.cancel();
  });
});
