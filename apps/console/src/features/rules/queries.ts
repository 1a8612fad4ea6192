import type { AlertRuleInput } from "@jindu/schema/alertRule";
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type paths, unwrap } from "../../api/client.ts";

export const rulesQuery = queryOptions({
  queryKey: ["alert-rules"],
  queryFn: () => unwrap(api.GET("/v1/admin/alert-rules")),
});
type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
export type RuleRecord = Ok<paths["/v1/admin/alert-rules"]["get"]>["items"][number];
export type Preview = Ok<paths["/v1/admin/alert-rules/preview"]["post"]>;

export const deliveriesQuery = (offset: number, limit = 20) =>
  queryOptions({
    queryKey: ["webhook-deliveries", offset, limit],
    queryFn: () => unwrap(api.GET("/v1/admin/webhook-deliveries", { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
  });

export type PreviewBody = Pick<AlertRuleInput, "scope" | "condition">;

/** What a draft would fire on now; `body` null while the draft is not yet a rule. */
export function usePreview(body: PreviewBody | null) {
  return useQuery({
    queryKey: ["alert-rule-preview", body],
    queryFn: () => unwrap(api.POST("/v1/admin/alert-rules/preview", { body: body as PreviewBody })),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

type CreateBody = Omit<AlertRuleInput, "version">;
type PatchBody = Partial<Omit<AlertRuleInput, "id" | "version">>;

export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateBody }) => {
      if (id === null) return unwrap(api.POST("/v1/admin/alert-rules", { body }));
      const { id: _id, ...patch } = body;
      return unwrap(api.PATCH("/v1/admin/alert-rules/{id}", { params: { path: { id } }, body: patch }));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: rulesQuery.queryKey }),
  });
}

export function usePatchRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: PatchBody }) =>
      unwrap(api.PATCH("/v1/admin/alert-rules/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: rulesQuery.queryKey }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/v1/admin/alert-rules/{id}", { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: rulesQuery.queryKey }),
  });
}
