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
import { Shell } from "./Shell.tsx";

/**
 * The URL's search: the two clocks and the language, read by every page; the board's filters and
 * the wall's cycle, read by their pages. Anything else is dropped.
 */
export type BoardSearch = {
  asOf?: string;
  knownAt?: string;
  /** The report's year (default: the API's, the reader's current year). */
  year?: number;
  lang?: "zh-CN" | "en";
  section?: string;
  bureau?: string;
  status?: string;
  q?: string;
  /** The wall's seconds per section. */
  cycle?: number;
  /** The target on the districts' map (board and wall). */
  map?: string;
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SECTION = /^(main|[1-9])$/;
const STATUS = /^(achieved|green|yellow|red|no_data|qualitative)$/;
const BUREAU = /^[a-z_]{1,40}$/;
const CODE = /^[a-z0-9_]{1,64}$/;
export function validateSearch(s: Record<string, unknown>): BoardSearch {
  const out: BoardSearch = {};
  if (typeof s.asOf === "string" && DATE.test(s.asOf)) out.asOf = s.asOf;
  if (typeof s.knownAt === "string" && DATE.test(s.knownAt)) out.knownAt = s.knownAt;
  const year = Number(s.year);
  if (s.year !== undefined && Number.isInteger(year) && year >= 2000 && year <= 2100) out.year = year;
  if (s.lang === "en" || s.lang === "zh-CN") out.lang = s.lang;
  // A section number arrives as a number once parsed from the URL: ?section=3.
  const section = typeof s.section === "number" ? String(s.section) : s.section;
  if (typeof section === "string" && SECTION.test(section)) out.section = section;
  if (typeof s.bureau === "string" && BUREAU.test(s.bureau)) out.bureau = s.bureau;
  if (typeof s.status === "string" && STATUS.test(s.status)) out.status = s.status;
  const q = typeof s.q === "number" ? String(s.q) : s.q;
  if (typeof q === "string" && q.trim() !== "") out.q = q.slice(0, 100);
  if (typeof s.map === "string" && CODE.test(s.map)) out.map = s.map;
  const cycle = Number(s.cycle);
  if (s.cycle !== undefined && Number.isFinite(cycle) && cycle >= 1 && cycle <= 600) out.cycle = cycle;
  return out;
}

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
