import { Alert, App, Badge, Button, Modal, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { paths } from "../../api/client.ts";
import { formatCount, type Lang } from "../../lib/format.ts";
import { errorText } from "../auth/queries.ts";
import { useImportTargets, usePreviewImport } from "./queries.ts";

type ImportResult = paths["/v1/admin/targets/import"]["post"]["responses"][200]["content"]["application/json"];
type RowFate = ImportResult["rows"][number];

/**
 * A new year's targets from a JSON array or an XLSX workbook: the dry run first (every row's fate,
 * what would be created and what would get a new version), then the import once nothing is wrong.
 */
export function TargetImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const preview = usePreviewImport();
  const store = useImportTargets();
  const result = preview.data;

  const close = () => {
    setFile(null);
    preview.reset();
    store.reset();
    onClose();
  };
  const choose = (f: File) => {
    setFile(f);
    preview.mutate(f);
    return false; // antd must not upload it itself
  };
  const confirm = () =>
    file &&
    store.mutate(file, {
      onSuccess: (r) => {
        void message.success(t("targets.import.done", { created: r.created.length, updated: r.updated.length }));
        close();
      },
    });

  const fate = (r: RowFate) => {
    // Dots beside dark text: antd's tinted tags are too faint to read (axe).
    if (!r.ok) return <Badge status="error" text={t("targets.import.invalid")} />;
    const key = `${r.year}/${r.code}`;
    return result?.updated.includes(key) ? (
      <Badge status="processing" text={t("targets.import.willUpdate")} />
    ) : (
      <Badge status="success" text={t("targets.import.willCreate")} />
    );
  };

  return (
    <Modal
      open={open}
      onCancel={close}
      title={t("targets.import.title")}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t("settings.cancel")}</Button>
          <Button
            type="primary"
            disabled={!result || result.invalid > 0 || result.valid === 0}
            loading={store.isPending}
            onClick={confirm}
          >
            {t("targets.import.confirm", { n: result?.valid ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("targets.import.help")}</Typography.Paragraph>
      <Upload.Dragger
        accept=".json,.xlsx,application/json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={choose}
        className="import-drop"
      >
        <p>{file ? file.name : t("targets.import.drop")}</p>
      </Upload.Dragger>
      {preview.error && <Alert type="error" showIcon title={errorText(preview.error, lang)} className="import-alert" />}
      {store.error && <Alert type="error" showIcon title={errorText(store.error, lang)} className="import-alert" />}
      {result && (
        <div className="import-preview" data-testid="import-preview">
          <Space wrap className="import-summary">
            <span>{t("targets.import.received", { n: formatCount(result.received, lang) })}</span>
            <Badge status="success" text={t("targets.import.createdCount", { n: result.created.length })} />
            <Badge status="processing" text={t("targets.import.updatedCount", { n: result.updated.length })} />
            {result.invalid > 0 && (
              <Badge status="error" text={t("targets.import.invalidCount", { n: result.invalid })} />
            )}
          </Space>
          <Table<RowFate>
            size="small"
            rowKey="row"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={result.rows}
            columns={[
              { title: t("targets.import.row"), dataIndex: "row", width: 64 },
              { title: t("targets.col.code"), key: "code", render: (_, r) => <code>{r.code ?? "—"}</code> },
              { title: t("targets.import.year"), key: "year", render: (_, r) => r.year ?? "—" },
              { title: t("targets.import.fate"), key: "fate", render: (_, r) => fate(r) },
              {
                title: t("targets.import.errors"),
                key: "errors",
                render: (_, r) =>
                  r.errors.length === 0
                    ? "—"
                    : r.errors.map((e) => (
                        <div key={e.field + e.message}>{lang === "en" ? e.message : e.messageZh}</div>
                      )),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
