import { queryOptions } from "@tanstack/react-query";
import { api, type Clocks, readParams, unwrap } from "../../api/client.ts";

/**
 * The targets a board read is about: of its year, or of its `asOf`'s year when it names none (so
 * the list and the figures agree).
 */
export function boardTargetsQuery(c: Clocks) {
  const { year, asOf } = readParams(c);
  const query = { ...(year !== undefined ? { year } : {}), ...(asOf ? { asOf } : {}) };
  return queryOptions({
    queryKey: Object.keys(query).length > 0 ? ["targets", query] : ["targets"],
    queryFn: () => unwrap(api.GET("/v1/targets", { params: { query } })),
    staleTime: 5 * 60_000,
  });
}

/** The current year's targets (what the admin pages list and pick from). */
export const targetsQuery = boardTargetsQuery({});

/** The years with stored targets and the one reads default to today: the board's year selector. */
export const yearsQuery = queryOptions({
  queryKey: ["targets", "years"],
  queryFn: () => unwrap(api.GET("/v1/years")),
  staleTime: 5 * 60_000,
});

export const progressQuery = (c: Clocks) =>
  queryOptions({
    queryKey: ["progress", readParams(c)],
    queryFn: () => unwrap(api.GET("/v1/progress", { params: { query: readParams(c) } })),
  });

export const summaryQuery = (c: Clocks) =>
  queryOptions({
    queryKey: ["summary", readParams(c)],
    queryFn: () => unwrap(api.GET("/v1/summary", { params: { query: readParams(c) } })),
  });

/** The demo dataset, when one is loaded: its clocks open the board at the demo's date. */
export const demoQuery = queryOptions({
  queryKey: ["demo"],
  queryFn: () => unwrap(api.GET("/v1/demo")),
  staleTime: 60_000,
});
