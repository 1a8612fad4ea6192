import type { NewUserInput } from "@jindu/schema/user";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type paths, unwrap } from "../../api/client.ts";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
export type UserItem = Ok<paths["/v1/admin/users"]["get"]>["items"][number];
type Patch = NonNullable<paths["/v1/admin/users/{id}"]["patch"]["requestBody"]>["content"]["application/json"];

export const usersQuery = queryOptions({
  queryKey: ["users"],
  queryFn: () => unwrap(api.GET("/v1/admin/users")),
});

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUserInput) => unwrap(api.POST("/v1/admin/users", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersQuery.queryKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Patch }) =>
      unwrap(api.PATCH("/v1/admin/users/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersQuery.queryKey }),
  });
}
