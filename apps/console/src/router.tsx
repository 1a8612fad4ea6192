import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { meQuery, publicBoardQuery } from "./features/auth/queries.ts";
import { BoardPage } from "./features/board/BoardPage.tsx";
import { Shell } from "./Shell.tsx";

/** The URL's search: the two clocks and the language; anything else is dropped. */
export type BoardSearch = { asOf?: string; knownAt?: string; lang?: "zh-CN" | "en" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function validateSearch(s: Record<string, unknown>): BoardSearch {
  const out: BoardSearch = {};
  if (typeof s.asOf === "string" && DATE.test(s.asOf)) out.asOf = s.asOf;
  if (typeof s.knownAt === "string" && DATE.test(s.knownAt)) out.knownAt = s.knownAt;
  if (s.lang === "en" || s.lang === "zh-CN") out.lang = s.lang;
  return out;
}

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  validateSearch,
  component: Shell,
});

/** Signed in, or the board is open to the public: else to sign-in. */
async function requireBoard({ context }: { context: { queryClient: QueryClient } }) {
  const me = await context.queryClient.ensureQueryData(meQuery);
  if (me) return;
  if (await context.queryClient.ensureQueryData(publicBoardQuery)) return;
  throw redirect({ to: "/login" });
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  component: lazyRouteComponent(() => import("./features/auth/LoginPage.tsx"), "LoginPage"),
});
const boardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: requireBoard,
  component: BoardPage,
});
const targetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/targets/$code",
  beforeLoad: requireBoard,
  // The drill-down and its chart load on demand.
  component: lazyRouteComponent(() => import("./features/targets/TargetPage.tsx"), "TargetPage"),
});

const routeTree = rootRoute.addChildren([loginRoute, boardRoute, targetRoute]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: "intent" });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
