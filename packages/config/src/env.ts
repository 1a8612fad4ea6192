import { z } from "zod";

/**
 * Parses environment variables once, at boot, and fails fast with every problem listed.
 * Apps call this from their own `env.ts`; nothing else reads `process.env`.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
}

/** Empty strings count as unset, so `FOO=` in a .env file falls back to the default. */
const unsetIfEmpty = (v: unknown) => (v === "" ? undefined : v);
export const optionalString = z.preprocess(unsetIfEmpty, z.string().optional());
export const text = (fallback: string) => z.preprocess(unsetIfEmpty, z.string().default(fallback));
export const integer = (fallback: number, min = 0) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).default(fallback));
export const port = (fallback: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(fallback));
export const flag = (fallback: boolean) =>
  z
    .preprocess(unsetIfEmpty, z.enum(["true", "false", "1", "0"]).default(fallback ? "true" : "false"))
    .transform((v) => v === "true" || v === "1");
