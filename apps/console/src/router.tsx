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
import { loadFeatureMessages } from "./i18n/index.ts";
import { type Area, mayOpen } from "./lib/access.ts";
import { validateSearch } from "./lib/search.ts";
import { Shell } from "./Shell.tsx";

type Ctx = { context: { queryClient: QueryClient }; location: { href: string } };

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  validateSearch,
  // A page never shows its message keys: the features' messages (loaded apart from the board's) come
  // first, fetched while the API says who is signed in.
  beforeLoad: async ({ context }) => {
    await Promise.all([loadFeatureMessages(), context.queryClient.prefetchQuery(meQuery)]);
  },
  component: Shell,
});

/** Signed in, or the board is open to the public: else to sign-in. */
async function requireBoard({ context }: Ctx) {
  const me = await context.queryClient.ensureQueryData(meQuery);
  if (me) return;
  if (await context.queryClient.ensureQueryData(publicBoardQuery)) return;
  throw redirect({ to: "/login" });
}

/** Signed in with a role that may open the area: else to sign-in, or to the board. */
function requireArea(area: Area) {
  return async ({ context }: Ctx) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: "/login" });
    if (!mayOpen(me, area)) throw redirect({ to: "/" });
  };
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
// Everything but the board loads on demand: the drill-down with its chart, the wall, each admin page.
const targetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/targets/$code",
  beforeLoad: requireBoard,
  component: lazyRouteComponent(() => import("./features/targets/TargetPage.tsx"), "TargetPage"),
});
const wallRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/wall",
  beforeLoad: requireBoard,
  component: lazyRouteComponent(() => import("./features/wall/WallPage.tsx"), "WallPage"),
});
const alertsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/alerts",
  // The inbox's tab is in the URL (the page checks its value).
  validateSearch: (s: Record<string, unknown>): { tab?: string } => (typeof s.tab === "string" ? { tab: s.tab } : {}),
  beforeLoad: requireArea("alerts"),
  component: lazyRouteComponent(() => import("./features/alerts/AlertsPage.tsx"), "AlertsPage"),
});
const followupsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/followups",
  // The status filter is in the URL (the page checks its value).
  validateSearch: (s: Record<string, unknown>): { status?: string } =>
    typeof s.status === "string" ? { status: s.status } : {},
  beforeLoad: requireArea("followups"),
  component: lazyRouteComponent(() => import("./features/followups/FollowupsPage.tsx"), "FollowupsPage"),
});
const followupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/followups/$id",
  beforeLoad: requireArea("followups"),
  component: lazyRouteComponent(() => import("./features/followups/FollowupPage.tsx"), "FollowupPage"),
});
const adminRoutes = (
  [
    ["sources", () => import("./features/sources/SourcesPage.tsx"), "SourcesPage"],
    ["upload", () => import("./features/upload/UploadPage.tsx"), "UploadPage"],
    ["quarantine", () => import("./features/quarantine/QuarantinePage.tsx"), "QuarantinePage"],
    ["targets", () => import("./features/targets/AdminTargetsPage.tsx"), "AdminTargetsPage"],
    ["rules", () => import("./features/rules/RulesPage.tsx"), "RulesPage"],
    ["users", () => import("./features/users/UsersPage.tsx"), "UsersPage"],
    ["audit", () => import("./features/audit/AuditPage.tsx"), "AuditPage"],
    ["settings", () => import("./features/settings/SettingsPage.tsx"), "SettingsPage"],
  ] as const
).map(([area, load, name]) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path: `/admin/${area}`,
    beforeLoad: requireArea(area),
    // biome-ignore lint/suspicious/noExplicitAny: each module exports its page under `name`
    component: lazyRouteComponent(load as () => Promise<any>, name),
  }),
);

const routeTree = rootRoute.addChildren([
  loginRoute,
  boardRoute,
  targetRoute,
  wallRoute,
  alertsRoute,
  followupsRoute,
  followupRoute,
  ...adminRoutes,
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: "intent" });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
