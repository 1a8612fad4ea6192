import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Target, TargetSchema } from "@jindu/schema";
import { z } from "zod";
import { targets } from "./targets.ts";

/** Bump when targets are added, removed or change meaning, so stores can tell seeds apart. */
export const CATALOG_VERSION = "2024.1";

/** Absolute path of the vendored report every `quote` is taken from. */
export const REPORT_PATH = fileURLToPath(
  new URL("../report/yinchuan-2024-government-work-report.txt", import.meta.url),
);

/** The full text of the vendored 2024 government work report. */
export function readReport(): string {
  return readFileSync(REPORT_PATH, "utf8");
}

// Parsed once at load, so a malformed target fails every importer loudly, naming itself.
function parseCatalog(): Target[] {
  return targets.map((input, i) => {
    const result = TargetSchema.safeParse(input);
    if (!result.success) {
      const code = typeof input.code === "string" ? input.code : `#${i}`;
      throw new Error(`@jindu/catalog: target "${code}" is invalid:\n${z.prettifyError(result.error)}`);
    }
    return result.data;
  });
}

/** Every 2024 target of the report, validated by TargetSchema. */
export const catalog: Target[] = parseCatalog();

function indexByCode(list: readonly Target[]): ReadonlyMap<string, Target> {
  const map = new Map<string, Target>();
  for (const t of list) {
    if (map.has(t.code)) throw new Error(`@jindu/catalog: duplicate target code "${t.code}"`);
    map.set(t.code, t);
  }
  return map;
}

export const targetsByCode: ReadonlyMap<string, Target> = indexByCode(catalog);

/** The target with this code, or undefined when the catalog has none. */
export function getTarget(code: string): Target | undefined {
  return targetsByCode.get(code);
}
