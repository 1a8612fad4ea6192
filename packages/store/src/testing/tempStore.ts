import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Store } from "../client.ts";
import { openStore } from "../index.ts";

/**
 * A migrated embedded store in a fresh temporary folder, for tests. chDB allows one data folder per
 * process, so a test file opens one and isolates its cases by database name.
 */
export async function openTempStore(
  database = "jindu_test",
): Promise<{ store: Store; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "jindu-store-"));
  const store = await openStore({ mode: "embedded", path: dir, database });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
