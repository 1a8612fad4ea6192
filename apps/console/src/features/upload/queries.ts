import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, type paths } from "../../api/client.ts";

type Answers = paths["/v1/admin/sources/{id}/ingest"]["post"]["responses"];
type Answer = Answers[200]["content"]["application/json"];
export type DryRunAnswer = Extract<Answer, { dryRun: true }>;
export type Receipt = Exclude<Answer, { dryRun: true }>;
export type Rejection = Receipt["rejected"][number];

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file as the push sends it: its bytes and the content type its name says. */
export type PickedFile = { name: string; bytes: ArrayBuffer; type: "text/csv" | typeof XLSX_TYPE };

export function contentTypeOf(name: string): PickedFile["type"] | null {
  if (/\.xlsx$/i.test(name)) return XLSX_TYPE;
  if (/\.csv$/i.test(name)) return "text/csv";
  return null;
}

/**
 * Pushes the file for a source, as a dry run or for real. Every row rejected is a 422 that still
 * carries the per-row answer: it is returned like a 200, not thrown.
 */
async function pushFile(source: string, file: PickedFile, dryRun: boolean) {
  const { data, error, response } = await api.POST("/v1/admin/sources/{id}/ingest", {
    params: { path: { id: source }, query: { dryRun: dryRun ? "true" : "false" } },
    // The file's own bytes, not JSON: the API reads CSV and XLSX by the content type.
    body: file.bytes as unknown as string,
    bodySerializer: (b) => b as unknown as BodyInit,
    headers: { "content-type": file.type },
  });
  if (data) return data;
  if (response.status === 422) return error as Answer;
  const e = (error as { error?: { message?: string; messageZh?: string } } | undefined)?.error;
  throw new ApiError(
    response.status,
    e?.messageZh ?? `HTTP ${response.status}`,
    e?.message ?? `HTTP ${response.status}`,
  );
}

export function useDryRun() {
  return useMutation({
    mutationFn: async ({ source, file }: { source: string; file: PickedFile }) =>
      (await pushFile(source, file, true)) as DryRunAnswer,
  });
}

/** Commits the push; the board and the quarantine are stale after it. */
export function useCommit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ source, file }: { source: string; file: PickedFile }) =>
      (await pushFile(source, file, false)) as Receipt,
    onSuccess: () => {
      for (const key of ["progress", "summary", "quarantine", "sources"])
        void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}
