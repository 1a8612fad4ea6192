import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSecretKey, parseSecretKey } from "./secretKey.ts";

const dir = mkdtempSync(join(tmpdir(), "jindu-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the secret key", () => {
  it("is 32 bytes in hex or base64", () => {
    const hex = "ab".repeat(32);
    expect(parseSecretKey(hex)?.toString("hex")).toBe(hex);
    expect(parseSecretKey(Buffer.from(hex, "hex").toString("base64"))?.toString("hex")).toBe(hex);
    expect(parseSecretKey("ab".repeat(16))).toBeNull();
    expect(() => loadSecretKey({ key: "short", file: join(dir, "unused") })).toThrow(/32 bytes/);
  });

  it("is generated once into its file (mode 0600) when not configured, then read back", () => {
    const file = join(dir, "sub", "secret.key");
    const first = loadSecretKey({ file });
    expect(first.generated).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSecretKey({ file });
    expect(again).toEqual({ key: first.key, generated: null });
    expect(readFileSync(file, "utf8").trim()).toBe(first.key.toString("hex"));
  });
});
