import type { ProgressThresholds } from "@jindu/schema";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";

export const boardSettingsQuery = queryOptions({
  queryKey: ["settings", "board"],
  queryFn: () => unwrap(api.GET("/v1/admin/settings/board")),
});

export const progressSettingsQuery = queryOptions({
  queryKey: ["settings", "progress"],
  queryFn: () => unwrap(api.GET("/v1/admin/settings/progress")),
});

/** Opening or closing the board changes who may read it: the public-board probe is asked again. */
export function usePutBoardSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (anonymous: boolean) => unwrap(api.PUT("/v1/admin/settings/board", { body: { anonymous } })),
    onSuccess: (saved) => {
      qc.setQueryData(boardSettingsQuery.queryKey, saved);
      void qc.invalidateQueries({ queryKey: ["public-board"] });
    },
  });
}

/** New thresholds change statuses everywhere: every progress read is stale. `{}` resets to the defaults. */
export function usePutProgressSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<ProgressThresholds>) => unwrap(api.PUT("/v1/admin/settings/progress", { body })),
    onSuccess: (saved) => {
      qc.setQueryData(progressSettingsQuery.queryKey, saved);
      for (const key of ["progress", "summary"]) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** Removing the demo empties the board: everything is read again. */
export function useRemoveDemo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/admin/demo")),
    onSuccess: () => void qc.invalidateQueries(),
  });
}
