import type { TargetEdit } from "@jindu/schema";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type Clocks, readParams, unwrap } from "../../api/client.ts";

export const detailQuery = (code: string, c: Clocks) =>
  queryOptions({
    queryKey: ["progress", code, readParams(c)],
    queryFn: () => unwrap(api.GET("/v1/progress/{code}", { params: { path: { code }, query: readParams(c) } })),
  });

/**
 * One target as stored, with its version: what the edit drawer edits from. Under "targets", so a
 * saved edit or an import refreshes it with the lists.
 */
export const storedTargetQuery = (code: string, year: number) =>
  queryOptions({
    queryKey: ["targets", "stored", code, year],
    queryFn: () => unwrap(api.GET("/v1/targets/{code}", { params: { path: { code }, query: { year } } })),
  });

/** The audit trail of one target's edits, newest first. */
export const targetAuditQuery = (code: string) =>
  queryOptions({
    queryKey: ["target-audit", code],
    queryFn: () => unwrap(api.GET("/v1/admin/targets/{code}/audit", { params: { path: { code } } })),
  });

/** A new version of the target: every target list and progress read is stale, and so is its trail. */
export function useUpdateTarget(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetEdit) =>
      unwrap(api.PATCH("/v1/admin/targets/{code}", { params: { path: { code } }, body })),
    onSuccess: () => {
      for (const key of ["targets", "progress", "summary", "target-audit"])
        void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file's bytes sent as they are: JSON (an array of targets) or an XLSX workbook. */
function importFile(file: File, dryRun: boolean) {
  const type = file.name.toLowerCase().endsWith(".xlsx") ? XLSX : "application/json";
  return unwrap(
    api.POST("/v1/admin/targets/import", {
      params: { query: { dryRun: dryRun ? "true" : "false" } },
      // The API reads the body itself (every row's fate), so it goes unserialised.
      body: [] as never,
      bodySerializer: () => file,
      headers: { "content-type": type },
    }),
  );
}

/** The dry run: every row's fate and what would be created or updated; nothing is stored. */
export const usePreviewImport = () => useMutation({ mutationFn: (file: File) => importFile(file, true) });

export function useImportTargets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => importFile(file, false),
    onSuccess: () => {
      for (const key of ["targets", "progress", "summary"]) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}
