import { z } from "zod";
import type { Store } from "./client.ts";

/** A page of a listing: its items, how many the filter matches, and where the next page starts (null after the last). */
export type Page<T> = { items: T[]; total: number; nextOffset: number | null };

const Count = z.object({ n: z.coerce.number() });

/**
 * One page of rows of `from` (a table, with FINAL where it needs one) that match `where`, in
 * `orderBy` order, and the count of all that match: the same bound `params` serve both queries.
 * `from`, `where` and `orderBy` are the module's own SQL text, never input; input goes in `params`.
 */
export async function page<R, T>(
  store: Store,
  q: {
    from: string;
    where: string;
    orderBy: string;
    params: Record<string, unknown>;
    row: z.ZodType<R>;
    toItem: (row: R) => T;
    /** Default: every column. */
    columns?: string;
    limit?: number;
    offset?: number;
  },
): Promise<Page<T>> {
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const params = { ...q.params, limit, offset };
  const rows = await store.query({
    sql: `SELECT ${q.columns ?? "*"} FROM {db:Identifier}.${q.from} WHERE ${q.where}
          ORDER BY ${q.orderBy} LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params,
    row: q.row,
  });
  const [count] = await store.query({
    sql: `SELECT count() AS n FROM {db:Identifier}.${q.from} WHERE ${q.where}`,
    params,
    row: Count,
  });
  const total = count?.n ?? 0;
  const next = offset + rows.length;
  return { items: rows.map(q.toItem), total, nextOffset: rows.length > 0 && next < total ? next : null };
}
