import { Link } from "@tanstack/react-router";
import { Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import type { ProgressItem, Summary, TargetItem } from "../../api/client.ts";
import { formatShare, type Lang, statusColor } from "../../lib/format.ts";
import type { BoardSearch } from "../../lib/search.ts";
import { useFlash } from "./stream.ts";
import { goalText, latestText, measureText } from "./view.ts";

type Row = { target: TargetItem; progress?: ProgressItem };

function FlashRow(props: React.HTMLAttributes<HTMLTableRowElement> & { "data-code"?: string }) {
  const flash = useFlash(props["data-code"] ?? "");
  return <tr {...props} className={`${props.className ?? ""}${flash ? " flash" : ""}`} />;
}

/** Every target, by section, with its goal, latest figure, 序时进度, completion or difference, status. */
export function TargetTable({
  targets,
  byCode,
  summary,
  search,
}: {
  targets: TargetItem[];
  byCode: Map<string, ProgressItem>;
  summary?: Summary;
  search: BoardSearch;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const sectionName = (s: string) => {
    const n = summary?.sections.find((x) => x.section === s)?.name;
    return n ? (lang === "en" ? n.en : n.zh) : s;
  };
  const columns: ColumnsType<Row> = [
    {
      title: t("col.target"),
      key: "name",
      render: (_, { target }) => (
        <Link to="/targets/$code" params={{ code: target.code }} search={search} className="row-name">
          {lang === "en" ? target.nameEn : target.nameZh}
          <div className="sub">{sectionName(target.section)}</div>
        </Link>
      ),
    },
    { title: t("col.goal"), key: "goal", render: (_, { target }) => goalText(target, lang, t("board.qualitative")) },
    { title: t("col.latest"), key: "latest", render: (_, { target, progress }) => latestText(progress, lang, target) },
    { title: t("col.pace"), key: "pace", render: (_, { progress }) => formatShare(progress?.timeProgress, lang) },
    {
      title: t("col.measure"),
      key: "measure",
      render: (_, { target, progress }) => measureText(progress, "unit" in target ? target.unit : "", lang),
    },
    {
      title: t("col.status"),
      key: "status",
      render: (_, { progress }) =>
        progress ? (
          <>
            <Tag color={statusColor(progress.status)}>{t(`status.${progress.status}`)}</Tag>
            {progress.stale && <Tag color="warning">{t("board.stale")}</Tag>}
          </>
        ) : (
          <Tag>{t("board.qualitative")}</Tag>
        ),
    },
  ];
  return (
    <Table<Row>
      className="targets-table"
      size="small"
      rowKey={(r) => r.target.code}
      columns={columns}
      dataSource={targets.map((target) => ({ target, progress: byCode.get(target.code) }))}
      pagination={false}
      scroll={{ x: "max-content" }}
      components={{ body: { row: FlashRow } }}
      onRow={(r) =>
        ({
          "data-code": r.target.code,
          "data-status": r.progress?.status ?? "qualitative",
          title: r.target.quote,
        }) as React.HTMLAttributes<HTMLTableRowElement>
      }
    />
  );
}
