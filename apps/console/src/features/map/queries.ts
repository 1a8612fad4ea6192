import { DISTRICTS, type Region } from "@jindu/schema/names";
import { queryOptions } from "@tanstack/react-query";
import { api, type Clocks, type ProgressDetail, readParams, unwrap } from "../../api/client.ts";

export type District = {
  region: Exclude<Region, "银川市">;
  progress: ProgressDetail["progress"];
  /** Whether the district has any figure for the target. */
  reported: boolean;
};

/**
 * One target's progress in each of the six districts and counties, against the target itself
 * (`/v1/progress/{code}?region=`). Under the "progress" key, so that the stream's refresh reaches it.
 */
export const districtsQuery = (code: string, c: Clocks) =>
  queryOptions({
    queryKey: ["progress", code, "districts", readParams(c)],
    queryFn: async (): Promise<District[]> =>
      Promise.all(
        DISTRICTS.map(async (region) => {
          const d = await unwrap(
            api.GET("/v1/progress/{code}", {
              params: {
                path: { code },
                query: { region, ...readParams(c) },
              },
            }),
          );
          return { region, progress: d.progress, reported: d.observations.length > 0 };
        }),
      ),
  });
