import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { Alert, Empty, Segmented, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { bureauName } from "../alerts/bureau.ts";
import { meQuery } from "../auth/queries.ts";
import { DueDate, useTargetName } from "./DueDate.tsx";
import { type Followup, followupsQuery } from "./queries.ts";
import { countByFilter, FILTERS, type Filter, isFilter, STATUS_TONE, shortId } from "./view.ts";
import "../alerts/tones.css";
import "./followups.css";
import { PageHeader } from "../../components/PageHeader.tsx";

/** 督办 cases, newest first, filtered by status; a bureau user gets its own (the API scopes the list). */
export function FollowupsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.followups"));
  const search = useSearch({ strict: false }) as { status?: string; lang?: Lang };
  const filter: Filter = isFilter(search.status) ? search.status : "all";
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const list = useQuery(followupsQuery);
  const targetName = useTargetName();
  const items = list.data?.items ?? [];
  const counts = countByFilter(items);
  const shown = filter === "all" ? items : items.filter((f) => f.status === filter);

  return (
    <div className="followups-page">
      <PageHeader
        title={t("followups.heading")}
        intro={t(me.data?.user.role === "bureau" ? "followups.introBureau" : "followups.intro")}
      />
      {list.error && <Alert type="error" showIcon title={`${t("error.load")}: ${list.error.message}`} />}
      <Segmented<Filter>
        className="followup-filter"
        value={filter}
        onChange={(v) =>
          void navigate({ to: "/followups", search: (s: Record<string, unknown>) => ({ ...s, status: v }) })
        }
        options={FILTERS.map((f) => ({ value: f, label: `${t(`followups.filter.${f}`)} ${counts[f]}` }))}
      />
      <Table<Followup>
        className="followups-table"
        rowKey="id"
        loading={list.isPending}
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(filter === "all" ? "followups.empty" : "followups.emptyFilter")}
            />
          ),
        }}
        columns={[
          {
            title: t("followups.col.id"),
            key: "id",
            width: 110,
            render: (_, f) => (
              <Link to="/followups/$id" params={{ id: f.id }} search={{ lang: search.lang }} className="followup-link">
                #{shortId(f.id)}
              </Link>
            ),
          },
          {
            title: t("followups.col.target"),
            key: "target",
            render: (_, f) => (
              <Link to="/targets/$code" params={{ code: f.code }} search={{ lang: search.lang }}>
                {targetName(f.code)}
              </Link>
            ),
          },
          { title: t("followups.col.bureau"), key: "bureau", render: (_, f) => bureauName(f.bureau, lang) },
          {
            title: t("followups.col.status"),
            key: "status",
            width: 110,
            render: (_, f) => (
              <Tag className={`followup-status ${STATUS_TONE[f.status]}`} data-status={f.status}>
                {t(`followups.status.${f.status}`)}
              </Tag>
            ),
          },
          { title: t("followups.col.due"), key: "due", width: 220, render: (_, f) => <DueDate f={f} /> },
          { title: t("followups.col.at"), key: "at", width: 190, render: (_, f) => formatDateTime(f.at, lang) },
        ]}
      />
    </div>
  );
}
