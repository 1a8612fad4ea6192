// Opens the store at argv[2] in a separate process; exits 3 when the folder is held elsewhere.
import { openStore, StoreLockedError } from "../index.ts";

const path = process.argv[2] ?? ".jindu/data";
try {
  const store = await openStore({ mode: "embedded", path, database: "jindu_test" });
  await store.close();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof StoreLockedError ? 3 : 1);
}
