/**
 * What a fault-injection test pushed, and whether the store holds exactly that: every vintage
 * once (count and sum, FINAL), and the latest value of every cell.
 */
import type { Store } from "@jindu/store";
import { expect } from "vitest";
import { z } from "zod";
import type { WireRow } from "./kafka.ts";

const cellOf = (r: { indicator: string; region: string; period: string; basis: string }) =>
  `${r.indicator}|${r.region}|${r.period}|${r.basis}`;

export class Ledger {
  /** Every acknowledged (cell, value): each distinct pair is one vintage. */
  private readonly vintages = new Map<string, Set<number>>();
  /** The value pushed last per cell. */
  private readonly latest = new Map<string, number>();

  /** Rows the API acknowledged (200), in the order they were pushed. */
  acknowledged(rows: readonly WireRow[]): void {
    for (const r of rows) {
      const cell = cellOf(r);
      const values = this.vintages.get(cell) ?? new Set<number>();
      values.add(r.value);
      this.vintages.set(cell, values);
      this.latest.set(cell, r.value);
    }
  }

  expected() {
    let n = 0;
    let total = 0;
    for (const values of this.vintages.values()) {
      n += values.size;
      for (const v of values) total += v;
    }
    let latestTotal = 0;
    for (const v of this.latest.values()) latestTotal += v;
    return { n, total, cells: this.latest.size, latestTotal };
  }

  /** Asserts the store holds exactly what was acknowledged, for `source`. */
  async check(store: Store, source: string): Promise<ReturnType<Ledger["expected"]>> {
    const [counts] = await store.query({
      sql: `SELECT count() AS n, sum(value) AS total FROM {db:Identifier}.observations FINAL WHERE source = {source:String}`,
      params: { source },
      row: z.object({ n: z.coerce.number(), total: z.number() }),
    });
    const latest = await store.query({
      sql: `SELECT indicator, region, period, basis, argMax(value, revision) AS value
            FROM {db:Identifier}.observations FINAL WHERE source = {source:String}
            GROUP BY indicator, region, period, basis`,
      params: { source },
      row: z.object({
        indicator: z.string(),
        region: z.string(),
        period: z.string(),
        basis: z.string(),
        value: z.number(),
      }),
    });
    const want = this.expected();
    expect({ n: counts?.n, total: counts?.total }).toEqual({ n: want.n, total: want.total });
    const stored = new Map(latest.map((r) => [cellOf(r), r.value]));
    expect(stored.size).toBe(want.cells);
    const wrong = [...this.latest].filter(([cell, v]) => stored.get(cell) !== v).slice(0, 5);
    expect(wrong, "cells whose latest stored value is not the last pushed").toEqual([]);
    return want;
  }
}
