import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { firstLoadBytes } from "../scripts/bundle-size.ts";

describe("the built console", () => {
  it("loads the board with at most 350 KB of gzipped JavaScript; the drill-down and chart come later", () => {
    const dist = fileURLToPath(new URL("../dist", import.meta.url));
    if (!existsSync(`${dist}/index.html`))
      throw new Error("The console is not built: run vite build first (npm test does)");
    const { files, total } = firstLoadBytes(dist);
    expect(total).toBeLessThanOrEqual(350_000);
    expect(files.some((f) => /TargetPage|SeriesChart/.test(f.file))).toBe(false);
  });
});
