// Prints the catalog as one JSON array on stdout (`npm run -s catalog:json` from the repo root).
import { catalog } from "./index.ts";

process.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
