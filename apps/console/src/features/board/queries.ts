import { queryOptions } from "@tanstack/react-query";
import { api, type Clocks, unwrap } from "../../api/client.ts";

const clean = (c: Clocks): Clocks => ({
  ...(c.asOf ? { asOf: c.asOf } : {}),
  ...(c.knownAt ? { knownAt: c.knownAt } : {}),
});

export const targetsQuery = queryOptions({
  queryKey: ["targets"],
  queryFn: () => unwrap(api.GET("/v1/targets")),
  staleTime: 5 * 60_000,
});

export const progressQuery = (c: Clocks) =>
  queryOptions({
    queryKey: ["progress", clean(c)],
    queryFn: () => unwrap(api.GET("/v1/progress", { params: { query: clean(c) } })),
  });

export const summaryQuery = (c: Clocks) =>
  queryOptions({
    queryKey: ["summary", clean(c)],
    queryFn: () => unwrap(api.GET("/v1/summary", { params: { query: clean(c) } })),
  });

/** The demo dataset, when one is loaded: its clocks open the board at the demo's date. */
export const demoQuery = queryOptions({
  queryKey: ["demo"],
  queryFn: () => unwrap(api.GET("/v1/demo")),
  staleTime: 60_000,
});
