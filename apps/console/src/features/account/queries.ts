import type { PasswordChangeInput } from "@jindu/schema/user";
import { useMutation } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "../../api/client.ts";
import { apiErrorsByPath, type FieldErrors } from "../../lib/fieldErrors.ts";
import type { Lang } from "../../lib/format.ts";
import { errorText } from "../auth/queries.ts";

/** The signed-in person's own password: this session stays signed in, every other one of theirs ends. */
export const useChangePassword = () =>
  useMutation({ mutationFn: (body: PasswordChangeInput) => unwrap(api.POST("/v1/auth/password", { body })) });

/**
 * Where the API's refusal belongs: the rule for a new password (400) at the field it names; a wrong
 * current password (403) and too many failed attempts (429, counted like sign-ins) at the current
 * password. Empty when it concerns no field (the form shows it at its top).
 */
export function passwordErrors(e: unknown, lang: Lang): FieldErrors {
  const byPath = apiErrorsByPath(e, lang);
  if (byPath.size > 0) return byPath;
  if (e instanceof ApiError && (e.status === 403 || e.status === 429)) {
    return new Map([["currentPassword", errorText(e, lang)]]);
  }
  return new Map();
}
