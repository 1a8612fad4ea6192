import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { schemaSource } from "./openapi.ts";

const out = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));
writeFileSync(out, await schemaSource());
console.log(`wrote ${out}`);
