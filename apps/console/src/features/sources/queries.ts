import type { NewSource } from "@jindu/schema/source";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, type paths, unwrap } from "../../api/client.ts";

export type SourceItem =
  paths["/v1/admin/sources"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type SourceHealth = paths["/v1/sources/{id}/health"]["get"]["responses"][200]["content"]["application/json"];
export type SourcePatch = NonNullable<
  paths["/v1/admin/sources/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];

/** An API error that names the form field it concerns (`details.path`, or the id for a conflict). */
export class FieldError extends ApiError {
  constructor(
    status: number,
    zh: string,
    en: string,
    readonly field: string | null,
  ) {
    super(status, zh, en);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; messageZh?: string; details?: { path?: unknown } } };

function fieldError(response: Response, body: unknown): FieldError {
  const e = (body as ErrorBody | undefined)?.error;
  const path = typeof e?.details?.path === "string" ? e.details.path : null;
  const field = response.status === 409 ? "id" : path;
  const fallback = `HTTP ${response.status}`;
  return new FieldError(response.status, e?.messageZh ?? fallback, e?.message ?? fallback, field);
}

export const sourcesQuery = queryOptions({
  queryKey: ["sources"],
  queryFn: () => unwrap(api.GET("/v1/admin/sources")),
});

export const sourceHealthQuery = (id: string) =>
  queryOptions({
    queryKey: ["sources", id, "health"],
    queryFn: () => unwrap(api.GET("/v1/sources/{id}/health", { params: { path: { id } } })),
  });

/** Creates a source; the answer holds its key, which is never shown again. */
export function useCreateSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewSource) => {
      const { data, error, response } = await api.POST("/v1/admin/sources", { body });
      if (!data) throw fieldError(response, error);
      return data;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["sources"] }),
  });
}

/** Revokes, resumes or rotates a source's key (a rotation answers with the new key, once). */
export function useUpdateSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: SourcePatch }) =>
      unwrap(api.PATCH("/v1/admin/sources/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["sources"] }),
  });
}
