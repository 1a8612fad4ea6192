import { InboxOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Form,
  Result,
  Select,
  Space,
  Steps,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, type Lang } from "../../lib/format.ts";
import { TAG } from "../../lib/theme.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { targetsQuery } from "../board/queries.ts";
import { sourcesQuery } from "../sources/queries.ts";
import {
  contentTypeOf,
  type DryRunAnswer,
  type PickedFile,
  type Receipt,
  type Rejection,
  useCommit,
  useDryRun,
} from "./queries.ts";
import "./upload.css";
import { PageHeader } from "../../components/PageHeader.tsx";

/** One row of the file and what a push would do with it. */
type Fate = {
  row: number;
  fate: "accepted" | "duplicate" | "rejected";
  indicator?: string;
  region?: string;
  period?: string;
  value?: string;
  rejection?: Rejection;
};

/** Every row of the dry run in file order: stored, left as it was (an identical repeat), or rejected. */
function fatesOf(answer: DryRunAnswer): Fate[] {
  const duplicates = new Set(answer.duplicates);
  const fates: Fate[] = [
    ...answer.rows.map((r) => ({
      row: r.row,
      fate: duplicates.has(r.row) ? ("duplicate" as const) : ("accepted" as const),
      indicator: r.indicator,
      region: r.region,
      period: r.period,
      value: `${r.value} ${r.unit}`,
    })),
    ...answer.rejected.map((r) => ({ row: r.row, fate: "rejected" as const, rejection: r })),
  ];
  return fates.sort((a, b) => a.row - b.row);
}

const FATE_COLOR = { accepted: TAG.green, duplicate: TAG.grey, rejected: TAG.red } as const;

/** 上传数据: an admin pushes a bureau's CSV or Excel file for it, sees every row's fate first, then commits. */
export function UploadPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.upload"));
  const sources = useQuery(sourcesQuery);
  const targets = useQuery(targetsQuery);
  const nameOf = new Map((targets.data?.items ?? []).map((tg) => [tg.code, lang === "en" ? tg.nameEn : tg.nameZh]));
  const [source, setSource] = useState<string>();
  const [file, setFile] = useState<PickedFile>();
  const [fileError, setFileError] = useState<string>();
  const navigate = useNavigate();
  const dryRun = useDryRun();
  const commit = useCommit();

  const preview = (s: string | undefined, f: PickedFile | undefined) => {
    commit.reset();
    if (s && f) dryRun.mutate({ source: s, file: f });
  };
  const pick = async (picked: File) => {
    const type = contentTypeOf(picked.name);
    if (!type) {
      setFileError(t("upload.wrongType"));
      return;
    }
    setFileError(undefined);
    const f = { name: picked.name, bytes: await picked.arrayBuffer(), type };
    setFile(f);
    preview(source, f);
  };
  const startOver = () => {
    setFile(undefined);
    dryRun.reset();
    commit.reset();
  };

  const reason = (r: Rejection) => (
    <span>
      {r.field && <Tag>{r.field}</Tag>}
      {lang === "en" ? r.message.en : r.message.zh}
    </span>
  );
  const columns: TableColumnsType<Fate> = [
    { title: t("upload.col.row"), dataIndex: "row", width: 72 },
    {
      title: t("upload.col.fate"),
      key: "fate",
      width: 120,
      render: (_, f) => <Tag color={FATE_COLOR[f.fate]}>{t(`upload.fate.${f.fate}`)}</Tag>,
    },
    {
      title: t("upload.col.indicator"),
      key: "indicator",
      render: (_, f) =>
        f.indicator ? (
          <span>
            {nameOf.get(f.indicator) ?? f.indicator}
            <Typography.Text type="secondary" className="upload-code">
              {f.indicator}
            </Typography.Text>
          </span>
        ) : null,
    },
    { title: t("upload.col.region"), dataIndex: "region" },
    { title: t("upload.col.period"), dataIndex: "period" },
    { title: t("upload.col.value"), dataIndex: "value", align: "right" },
    { title: t("upload.col.reason"), key: "reason", render: (_, f) => (f.rejection ? reason(f.rejection) : null) },
  ];

  const answer = dryRun.data;
  const receipt: Receipt | undefined = commit.data;
  const step = receipt ? 2 : answer ? 1 : 0;
  const activeSources = (sources.data?.items ?? []).filter((s) => !s.revoked);

  return (
    <div className="upload-page">
      <PageHeader title={t("nav.upload")} intro={t("upload.intro")} />
      <Steps
        current={step}
        className="upload-steps"
        items={[
          { title: t("upload.step.choose") },
          { title: t("upload.step.preview") },
          { title: t("upload.step.receipt") },
        ]}
      />
      {!receipt && (
        <div className="upload-choose">
          <Form layout="vertical">
            <Form.Item label={t("upload.source")} htmlFor="upload-source" required>
              <Select
                id="upload-source"
                value={source}
                onChange={(s: string) => {
                  setSource(s);
                  preview(s, file);
                }}
                loading={sources.isPending}
                placeholder={t("upload.sourcePlaceholder")}
                options={activeSources.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
                notFoundContent={t("upload.noSources")}
              />
            </Form.Item>
          </Form>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              void pick(f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : t("upload.drop")}</p>
            <p className="ant-upload-hint">{t("upload.hint")}</p>
          </Upload.Dragger>
          {fileError && <Alert type="error" showIcon title={fileError} className="upload-alert" />}
          {file && !source && <Alert type="info" showIcon title={t("upload.chooseSource")} className="upload-alert" />}
        </div>
      )}
      {dryRun.error && !receipt && (
        <Alert type="error" showIcon title={errorText(dryRun.error, lang)} className="upload-alert" />
      )}
      {answer && !receipt && (
        <section className="upload-preview" aria-label={t("upload.step.preview")}>
          <Alert
            type={answer.rejected.length === 0 ? "success" : answer.accepted === 0 ? "error" : "warning"}
            showIcon
            title={t("upload.summary", {
              received: formatCount(answer.received, lang),
              accepted: formatCount(answer.accepted - answer.duplicates.length, lang),
              duplicates: formatCount(answer.duplicates.length, lang),
              rejected: formatCount(answer.rejected.length, lang),
            })}
            description={answer.rejected.length > 0 ? t("upload.rejectedNote") : undefined}
            className="upload-alert"
          />
          <Table<Fate>
            rowKey="row"
            size="small"
            columns={columns}
            dataSource={fatesOf(answer)}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowClassName={(f) => (f.fate === "rejected" ? "upload-row-rejected" : "")}
            scroll={{ x: 900 }}
          />
          <Space className="upload-actions">
            <Button
              type="primary"
              disabled={answer.accepted === 0 || !source || !file}
              loading={commit.isPending}
              onClick={() => source && file && commit.mutate({ source, file })}
            >
              {t("upload.commit", { n: answer.accepted })}
            </Button>
            <Button onClick={startOver}>{t("upload.another")}</Button>
          </Space>
          {commit.error && (
            <Alert type="error" showIcon title={errorText(commit.error, lang)} className="upload-alert" />
          )}
        </section>
      )}
      {receipt && (
        <section className="upload-receipt" aria-label={t("upload.step.receipt")}>
          <Result
            status={receipt.status === "accepted" ? "success" : receipt.status === "partial" ? "warning" : "error"}
            title={t(`upload.receipt.${receipt.status}`)}
            subTitle={t("upload.receipt.counts", {
              accepted: formatCount(receipt.accepted - receipt.duplicates.length, lang),
              duplicates: formatCount(receipt.duplicates.length, lang),
              rejected: formatCount(receipt.rejected.length, lang),
              id: receipt.receiptId,
            })}
            extra={[
              <Button key="again" type="primary" onClick={startOver}>
                {t("upload.another")}
              </Button>,
              <Button key="board" type="link" onClick={() => void navigate({ to: "/" })}>
                {t("upload.toBoard")}
              </Button>,
            ]}
          />
          {receipt.rejected.length > 0 && (
            <>
              <h2>{t("upload.receipt.rejectedTitle")}</h2>
              <Table<Rejection>
                rowKey="row"
                size="small"
                pagination={false}
                dataSource={receipt.rejected}
                columns={[
                  { title: t("upload.col.row"), dataIndex: "row", width: 72 },
                  { title: t("upload.col.reason"), key: "reason", render: (_, r) => reason(r) },
                  {
                    title: t("upload.col.quarantine"),
                    key: "q",
                    render: (_, r) => (r.quarantined ? t("upload.receipt.kept") : t("upload.receipt.notKept")),
                  },
                ]}
              />
              <Typography.Paragraph className="upload-quarantine-link">
                <Button
                  type="link"
                  className="upload-to-quarantine"
                  onClick={() => void navigate({ to: "/admin/quarantine" })}
                >
                  {t("upload.receipt.toQuarantine")}
                </Button>
              </Typography.Paragraph>
            </>
          )}
        </section>
      )}
    </div>
  );
}
