import type { AnswerFollowup, ReviewFollowup } from "@jindu/schema";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";

type FollowupList = Awaited<ReturnType<typeof listFollowups>>;
export type Followup = FollowupList["items"][number];
export type FollowupStatus = Followup["status"];

const listFollowups = () => unwrap(api.GET("/v1/followups"));
const getFollowup = (id: string) => unwrap(api.GET("/v1/followups/{id}", { params: { path: { id } } }));

/** All follow-ups the caller may see (a bureau: its own; the API scopes it), newest first. */
export const followupsQuery = queryOptions({ queryKey: ["followups", "list"], queryFn: listFollowups });

export const followupQuery = (id: string) =>
  queryOptions({ queryKey: ["followups", "one", id], queryFn: () => getFollowup(id) });

function useFollowupStep<V>(run: (v: V) => Promise<{ followup: Followup }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["followups"] });
      // The drill-down lists the target's follow-ups.
      void qc.invalidateQueries({ queryKey: ["progress", r.followup.code] });
    },
  });
}

export const useAnswer = (id: string) =>
  useFollowupStep((body: AnswerFollowup) =>
    unwrap(api.POST("/v1/followups/{id}/answer", { params: { path: { id } }, body })),
  );

export const useReview = (id: string) =>
  useFollowupStep((body: ReviewFollowup) =>
    unwrap(api.POST("/v1/followups/{id}/review", { params: { path: { id } }, body })),
  );
