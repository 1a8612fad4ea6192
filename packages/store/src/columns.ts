import type { z } from "zod";
import { fromChDateTime, toChDateTime } from "./time.ts";

// How a table's rows and the objects the store hands out relate, described once per table: each
// field names its column(s) and how its value is kept there. `fromRow` and `toRow` follow from it,
// so a field is no longer spelled out twice (once each way) in every module.

/** A field and the part of a row it is kept in. */
export type Field<V, R> = { read: (row: R) => V; write: (value: V) => R };

/** How one value is kept in one column. */
export type Codec<V, C> = { read: (stored: C) => V; write: (value: V) => C };

const same: Codec<never, never> = { read: (v) => v, write: (v) => v };

/** A field kept as it is (the default) or through a codec, in the column `name`. */
export function column<N extends string, V, C = V>(
  name: N,
  codec: Codec<V, C> = same as unknown as Codec<V, C>,
): Field<V, Record<N, C>> {
  return {
    read: (row) => codec.read(row[name]),
    write: (value) => ({ [name]: codec.write(value) }) as Record<N, C>,
  };
}

/** ISO 8601 in objects, ClickHouse's DateTime64 text in rows. */
export const dateTime: Codec<string, string> = { read: fromChDateTime, write: toChDateTime };

/** Booleans are UInt8 columns (0 / 1). */
export const flag: Codec<boolean, number> = { read: (n) => n === 1, write: (b) => (b ? 1 : 0) };

/** Optional text: null in objects, "" in the (non-nullable) column. */
export const emptyAsNull = <V extends string>(): Codec<V | null, V | ""> => ({
  read: (s) => (s === "" ? null : (s as V)),
  write: (v) => v ?? "",
});

/** Optional number: null in objects, 0 in the column. */
export const zeroAsNull: Codec<number | null, number> = { read: (n) => (n === 0 ? null : n), write: (v) => v ?? 0 };

/** A JSON text column, parsed with its schema when read. */
export const json = <V>(schema: z.ZodType<V>): Codec<V, string> => ({
  read: (text) => schema.parse(JSON.parse(text)),
  write: (value) => JSON.stringify(value),
});

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type RowOf<S> = UnionToIntersection<
  { [K in keyof S]: S[K] extends { write: (value: never) => infer R } ? R : never }[keyof S]
>;

/**
 * The two directions of a table's mapping, from a description of `T`'s fields in the order the
 * objects list them: `rowMapping<T>()({ ruleId: column("rule_id"), at: column("at", dateTime) })`.
 */
export function rowMapping<T>() {
  return <S extends { [K in keyof T]: { read: (row: never) => T[K]; write: (value: T[K]) => unknown } }>(fields: S) => {
    const entries = Object.entries(fields) as [keyof T, Field<unknown, unknown>][];
    return {
      fromRow: (row: RowOf<S>): T => Object.fromEntries(entries.map(([k, f]) => [k, f.read(row)])) as T,
      toRow: (value: T): RowOf<S> => Object.assign({}, ...entries.map(([k, f]) => f.write(value[k]))) as RowOf<S>,
    };
  };
}

/** Bilingual text, kept in two columns `<prefix>_zh` and `<prefix>_en`. */
export function bilingual<P extends string>(
  prefix: P,
): Field<{ zh: string; en: string }, Record<`${P}_zh` | `${P}_en`, string>> {
  const zh = `${prefix}_zh` as const;
  const en = `${prefix}_en` as const;
  return {
    read: (row) => ({ zh: row[zh], en: row[en] }),
    write: (text) => ({ [zh]: text.zh, [en]: text.en }) as Record<`${P}_zh` | `${P}_en`, string>,
  };
}
