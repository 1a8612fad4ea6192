import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouterState, useSearch } from "@tanstack/react-router";
import { Button, ConfigProvider, Radio, Space } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { meQuery, useSignOut } from "./features/auth/queries.ts";
import { useLiveStream } from "./features/board/stream.ts";
import type { Lang } from "./lib/format.ts";

/** The header (title, live state, language, who is signed in) around every page. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const search = useSearch({ strict: false }) as { asOf?: string; knownAt?: string; lang?: Lang };
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const me = useQuery(meQuery);
  const signOut = useSignOut();
  const onLogin = path === "/login";
  const past = Boolean(search.asOf || search.knownAt);
  const live = useLiveStream(!onLogin && !past && me.isSuccess);

  // ?lang= in the URL selects the language.
  useEffect(() => {
    if (search.lang && search.lang !== i18n.language) void i18n.changeLanguage(search.lang);
  }, [search.lang, i18n]);

  const switchLang = (l: Lang) => {
    void i18n.changeLanguage(l);
    void navigate({ to: ".", search: (s: Record<string, unknown>) => ({ ...s, lang: l }) });
  };

  return (
    <ConfigProvider
      locale={lang === "en" ? enUS : zhCN}
      theme={{ token: { colorPrimary: "#1f5fbf", borderRadius: 6 } }}
    >
      <div className="shell">
        <header className="header">
          <Link to="/" search={search} className="brand">
            <span className="mark">进度</span>
            <span className="brand-sub">{t("app.city")}</span>
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
            {!onLogin &&
              (me.data ? (
                <span className="who">
                  <span className="who-name">{me.data.user.displayName || me.data.user.username}</span>
                  <Button
                    size="small"
                    className="sign-out"
                    onClick={() =>
                      signOut.mutate(undefined, { onSuccess: () => void navigate({ to: "/login", search: {} }) })
                    }
                  >
                    {t("header.signOut")}
                  </Button>
                </span>
              ) : (
                <span className="who">{t("header.public")}</span>
              ))}
          </Space>
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </ConfigProvider>
  );
}
