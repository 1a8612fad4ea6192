import type { AssignFollowup } from "@jindu/schema";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";

type AlertList = Awaited<ReturnType<typeof listAlerts>>;
export type AlertItem = AlertList["items"][number];
type AlertHistory = Awaited<ReturnType<typeof alertHistory>>;
export type AlertEvent = AlertHistory["items"][number];

// Every status but `normal` (the API's default): the tabs are counted and filtered from one read.
const listAlerts = (code?: string) =>
  unwrap(api.GET("/v1/alerts", { params: { query: { limit: 1000, ...(code ? { code } : {}) } } }));
const alertHistory = (key: string) => unwrap(api.GET("/v1/alerts/{key}/history", { params: { path: { key } } }));

/** The inbox; the live stream's `alert` events invalidate everything under ["alerts"]. */
export const alertsQuery = (code?: string) =>
  queryOptions({ queryKey: ["alerts", "list", code ?? null], queryFn: () => listAlerts(code) });

export const alertHistoryQuery = (key: string) =>
  queryOptions({ queryKey: ["alerts", "history", key], queryFn: () => alertHistory(key) });

/** 200: applied here; 202: queued for the evaluator in another process. */
type Outcome = { applied: boolean };

function useAlertCommand<V>(run: (v: V) => Promise<Outcome>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => qc.invalidateQueries({ queryKey: ["alerts"] }) });
}

export const useAcknowledge = () =>
  useAlertCommand((key: string) => unwrap(api.POST("/v1/alerts/{key}/acknowledge", { params: { path: { key } } })));

/** `until` null lifts the silence. */
export const useSilence = () =>
  useAlertCommand(({ key, until }: { key: string; until: string | null }) =>
    unwrap(api.POST("/v1/alerts/{key}/silence", { params: { path: { key } }, body: { until } })),
  );

/** 督办: assigns a firing alert to its target's bureau; answers the new follow-up. */
export function useAssignFollowup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignFollowup) => unwrap(api.POST("/v1/followups", { body })),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["followups"] });
      void qc.invalidateQueries({ queryKey: ["progress", r.followup.code] });
    },
  });
}
