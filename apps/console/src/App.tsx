import { useCallback, useEffect, useState } from "react";
import { ApiError, fetchProgress, logout, type MeResponse, me } from "./api.ts";
import { Board } from "./Board.tsx";
import { Login } from "./Login.tsx";

type View = { kind: "loading" } | { kind: "login" } | { kind: "board"; user: MeResponse["user"] | null };

/** Signed in → the board; not signed in → the public board if an admin opened it, else sign-in. */
export function App() {
  const [view, setView] = useState<View>({ kind: "loading" });

  const resolve = useCallback(async () => {
    const session = await me();
    if (session) return setView({ kind: "board", user: session.user });
    try {
      await fetchProgress({ asOf: "", knownAt: "" });
      setView({ kind: "board", user: null });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setView({ kind: "login" });
      else throw e;
    }
  }, []);

  useEffect(() => {
    void resolve();
  }, [resolve]);

  if (view.kind === "loading") return <main>…</main>;
  if (view.kind === "login") return <Login onSignedIn={() => void resolve()} />;
  return (
    <Board
      user={view.user}
      onSignOut={() => {
        void logout().then(() => setView({ kind: "login" }));
      }}
    />
  );
}
