import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, type MeResponse, setCsrfToken, unwrap } from "../../api/client.ts";

/** Who is signed in, or null. */
export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: async (): Promise<MeResponse | null> => {
    try {
      const m = await unwrap(api.GET("/v1/auth/me"));
      setCsrfToken(m.csrfToken);
      return m;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
});

/** May the board be read without signing in (an admin opened it to the public)? */
export const publicBoardQuery = queryOptions({
  queryKey: ["public-board"],
  queryFn: async () => {
    const res = await fetch("/v1/summary", { credentials: "same-origin" });
    return res.ok;
  },
});

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { username: string; password: string }) => {
      const r = await unwrap(api.POST("/v1/auth/login", { body: v }));
      setCsrfToken(r.csrfToken);
      return r;
    },
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.POST("/v1/auth/logout");
      setCsrfToken(null);
    },
    onSuccess: () => qc.resetQueries(),
  });
}

/** The message to show for a failed sign-in, in the reader's language. */
export function errorText(e: unknown, lang: string): string {
  if (e instanceof ApiError) return lang === "en" ? e.message : e.zh;
  return e instanceof Error ? e.message : String(e);
}
