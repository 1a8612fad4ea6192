import { queryOptions } from "@tanstack/react-query";
import { api, type Clocks, unwrap } from "../../api/client.ts";

export const detailQuery = (code: string, c: Clocks) =>
  queryOptions({
    queryKey: ["progress", code, { asOf: c.asOf, knownAt: c.knownAt }],
    queryFn: () =>
      unwrap(
        api.GET("/v1/progress/{code}", {
          params: {
            path: { code },
            query: { ...(c.asOf ? { asOf: c.asOf } : {}), ...(c.knownAt ? { knownAt: c.knownAt } : {}) },
          },
        }),
      ),
  });
