import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type paths, unwrap } from "../../api/client.ts";

type List = paths["/v1/admin/quarantine"]["get"];
export type QuarantineFilter = NonNullable<List["parameters"]["query"]>;
export type QuarantineItem = List["responses"][200]["content"]["application/json"]["items"][number];
export type ReplayResult =
  paths["/v1/admin/quarantine/replay"]["post"]["responses"][200]["content"]["application/json"]["results"][number];

export const quarantineQuery = (filter: QuarantineFilter) =>
  queryOptions({
    queryKey: ["quarantine", filter],
    queryFn: () => unwrap(api.GET("/v1/admin/quarantine", { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });

/** Replays rows through the same validation as a push: those that pass now are stored. */
export function useReplay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => unwrap(api.POST("/v1/admin/quarantine/replay", { body: { ids } })),
    onSuccess: () => {
      for (const key of ["quarantine", "progress", "summary"]) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function useDiscard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => unwrap(api.POST("/v1/admin/quarantine/discard", { body: { ids } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["quarantine"] }),
  });
}
