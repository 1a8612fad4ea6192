import type { ErrorBody, ListProgressResponse, ListTargetsResponse } from "@jindu/api/types";

export type { ListProgressResponse, ListTargetsResponse };
export type ProgressItem = ListProgressResponse["items"][number];
export type TargetItem = ListTargetsResponse["items"][number];

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new Error(body ? `${body.error.messageZh} / ${body.error.message}` : `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

export const fetchTargets = () => getJson<ListTargetsResponse>("/v1/targets");
export const fetchProgress = (asOf?: string) =>
  getJson<ListProgressResponse>(`/v1/progress${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`);
