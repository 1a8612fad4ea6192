import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouterState, useSearch } from "@tanstack/react-router";
import { ConfigProvider, Menu, type MenuProps, Radio, Space } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AccountMenu } from "./features/account/AccountMenu.tsx";
import { meQuery } from "./features/auth/queries.ts";
import { LiveContext, useLiveStream } from "./features/board/stream.ts";
import { type Area, mayOpen } from "./lib/access.ts";
import type { Lang } from "./lib/format.ts";
import { THEME } from "./lib/theme.ts";

const ADMIN_AREAS = ["sources", "upload", "quarantine", "targets", "rules", "users", "audit", "settings"] as const;
/** No space inserted between two Chinese characters of a button (antd's default: "保 存"). */
const BUTTON = { autoInsertSpace: false };
const pathOf = (area: Area) => (area === "alerts" || area === "followups" ? `/${area}` : `/admin/${area}`);

/** The header (title, live state, language, who is signed in and their account menu) around every page. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const search = useSearch({ strict: false }) as { asOf?: string; knownAt?: string; year?: number; lang?: Lang };
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const me = useQuery(meQuery);
  const onLogin = path === "/login";
  // Only a point in time (knownAt) fixes what the board knows: a board at a reference date alone
  // ("the end of July", as known now) still changes when a figure of its periods arrives.
  const past = Boolean(search.knownAt);
  const onWall = path === "/wall";
  const live = useLiveStream(!onLogin && !past && me.isSuccess);

  // ?lang= in the URL selects the language.
  useEffect(() => {
    if (search.lang && search.lang !== i18n.language) void i18n.changeLanguage(search.lang);
  }, [search.lang, i18n]);

  const switchLang = (l: Lang) => {
    void i18n.changeLanguage(l);
    void navigate({ to: ".", search: (s: Record<string, unknown>) => ({ ...s, lang: l }) });
  };

  // What a role may not open is not shown to it.
  // The board and the wall show the same moment of the same report: the clocks and the year go along.
  const clocks = { asOf: search.asOf, knownAt: search.knownAt, year: search.year };
  const link = (to: string, label: string) => ({
    key: to,
    label: (
      <Link to={to} search={to === "/" || to === "/wall" ? { ...clocks, lang: search.lang } : { lang: search.lang }}>
        {label}
      </Link>
    ),
  });
  const admin = ADMIN_AREAS.filter((a) => mayOpen(me.data, a));
  const items: MenuProps["items"] = [
    link("/", t("nav.board")),
    link("/wall", t("nav.wall")),
    ...(["alerts", "followups"] as const).filter((a) => mayOpen(me.data, a)).map((a) => link(pathOf(a), t(`nav.${a}`))),
    ...(admin.length
      ? [{ key: "admin", label: t("nav.admin"), children: admin.map((a) => link(pathOf(a), t(`nav.${a}`))) }]
      : []),
  ];
  const selected = path.startsWith("/targets/") ? "/" : path.startsWith("/followups/") ? "/followups" : path;

  return (
    <ConfigProvider locale={lang === "en" ? enUS : zhCN} theme={THEME} button={BUTTON}>
      {onWall ? (
        // The wall has the screen to itself: no header, no navigation.
        <LiveContext.Provider value={past ? "paused" : live}>
          <Outlet />
        </LiveContext.Provider>
      ) : (
        <div className="shell">
          <header className="header">
            <Link to="/" search={search} className="brand">
              <span className="mark">进度</span>
              <span className="brand-sub">{t("app.brand")}</span>
            </Link>
            <Space size="middle" className="header-right" wrap>
              {!onLogin && (
                <span className="live" data-live={past ? "paused" : live}>
                  <span className="live-dot" />
                  {t(past ? "live.paused" : `live.${live}`)}
                </span>
              )}
              <Radio.Group
                size="small"
                optionType="button"
                aria-label={t("header.language")}
                className="lang"
                value={lang}
                onChange={(e) => switchLang(e.target.value as Lang)}
                options={[
                  { label: "中文", value: "zh-CN" },
                  { label: "EN", value: "en" },
                ]}
              />
              {!onLogin && (me.data ? <AccountMenu me={me.data} /> : <span className="who">{t("header.public")}</span>)}
            </Space>
          </header>
          {!onLogin && (
            <nav aria-label={t("nav.label")} className="nav">
              <Menu mode="horizontal" items={items} selectedKeys={[selected]} className="nav-menu" />
            </nav>
          )}
          <main className="content">
            <Outlet />
          </main>
        </div>
      )}
    </ConfigProvider>
  );
}
