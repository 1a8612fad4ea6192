import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { schemaSource } from "../../scripts/openapi.ts";

describe("the typed client", () => {
  it("is generated from the API's current routes (run npm run -w @jindu/console gen:api)", async () => {
    const committed = readFileSync(fileURLToPath(new URL("./schema.d.ts", import.meta.url)), "utf8");
    expect(
      committed === (await schemaSource()),
      "src/api/schema.d.ts is out of date: npm run -w @jindu/console gen:api",
    ).toBe(true);
  }, 30_000);
});
