import { catalog } from "@jindu/catalog";
import { parseAsOf } from "@jindu/progress";
import { cityDate } from "@jindu/schema";
import { targetYears } from "@jindu/store";
import type { AppContext } from "../context.ts";

/** The catalog's year (the seed's): for a store that holds no targets at all. */
const CATALOG_YEAR = Math.max(...catalog.map((t) => t.year));

/**
 * Which year's targets a reader means when naming none: the year of the reference date (`asOf`,
 * else today in the city) when targets are stored for it; else the latest stored year before it —
 * in January, before the new work report is imported, the board stays on last year's (whose
 * final verdicts are due); a report imported ahead of its year waits for the year to begin. Only a
 * date before every stored year gets the earliest one; a store with no targets, the catalog's year.
 */
export function yearFor(years: readonly number[], reference: number): number {
  const before = years.filter((y) => y <= reference);
  return before.at(-1) ?? years[0] ?? CATALOG_YEAR;
}

// The years change only when targets are written. Each process forgets them on its own writes
// (`forgetYears`), and every few seconds for another process's.
const YEARS_TTL_MS = 5_000;
// Keyed by the context object: one per process, whatever part of it a verb is given.
const held = new WeakMap<object, { at: number; years: Promise<number[]> }>();

/** The years with stored targets, in order (read from the store at most every few seconds). */
export function storedYears(ctx: Pick<AppContext, "store">): Promise<number[]> {
  const hit = held.get(ctx);
  if (hit && Date.now() - hit.at < YEARS_TTL_MS) return hit.years;
  const years = targetYears(ctx.store);
  held.set(ctx, { at: Date.now(), years });
  // A failed read is not remembered.
  years.catch(() => {
    if (held.get(ctx)?.years === years) held.delete(ctx);
  });
  return years;
}

/** Targets were written here: the next read of the years goes to the store. */
export function forgetYears(ctx: object): void {
  held.delete(ctx);
}

/** The year a request means: the one it names, else `yearFor` its reference date. */
export async function defaultYear(ctx: Pick<AppContext, "now" | "store">, asOf?: string): Promise<number> {
  const reference = asOf === undefined ? Number(cityDate(ctx.now()).slice(0, 4)) : parseAsOf(asOf).year;
  return yearFor(await storedYears(ctx), reference);
}

/** A route's query with its year settled (`year` given, or the reader's current one). */
export async function withYear<Q extends { year?: number | undefined; asOf?: string | undefined }>(
  ctx: Pick<AppContext, "now" | "store">,
  query: Q,
): Promise<Q & { year: number }> {
  return { ...query, year: query.year ?? (await defaultYear(ctx, query.asOf)) };
}
