import { BUREAUS, SECTION_NAMES, SECTIONS } from "@jindu/schema/domain";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiErrorsByPath, type FieldErrors, issuesByPath } from "../../lib/fieldErrors.ts";
import { formatCount, formatDate, type Lang } from "../../lib/format.ts";
import { errorText } from "../auth/queries.ts";
import { targetsQuery } from "../board/queries.ts";
import { type Preview, type RuleRecord, usePreview, useSaveRule } from "./queries.ts";
import { CONDITION_KINDS, fieldOf, fromRule, NEW_RULE, type RuleForm, toPreview, toRule } from "./ruleForm.ts";

type Issued = { url: string; secret: string }[];

/** Waits until the value has held still for `ms`: the preview asks the API once the admin pauses. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Create (record null) or edit a rule, with what it would fire on right now beside the form. */
export function RuleDrawer({
  open,
  record,
  onClose,
  onSecrets,
}: {
  open: boolean;
  record: RuleRecord | null;
  onClose: () => void;
  onSecrets: (issued: Issued) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<RuleForm>();
  const save = useSaveRule();
  const targets = useQuery(targetsQuery);
  const values = Form.useWatch([], form) as Partial<RuleForm> | undefined;
  const draft = values ? toPreview(values) : null;
  // Compare by content: the watched object is new on every render.
  const settled = useSettled(JSON.stringify(draft), 400);
  const preview = usePreview(open ? (JSON.parse(settled) as ReturnType<typeof toPreview>) : null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(record ? fromRule(record.rule) : NEW_RULE);
    save.reset();
  }, [open, record, form, save.reset]);

  const showErrors = (errors: FieldErrors) => {
    const byField = new Map<keyof RuleForm, string>();
    for (const [path, text] of errors) if (!byField.has(fieldOf(path))) byField.set(fieldOf(path), text);
    form.setFields([...byField].map(([name, text]) => ({ name, errors: [text] })));
  };

  const submit = async (v: RuleForm) => {
    const parsed = toRule({ ...v, id: record?.rule.id ?? v.id }, record?.rule);
    if (!parsed.success) return showErrors(issuesByPath(parsed.error, lang));
    try {
      const saved = await save.mutateAsync({ id: record?.rule.id ?? null, body: parsed.data });
      if (saved.secrets.length > 0) onSecrets(saved.secrets);
      onClose();
    } catch (e) {
      showErrors(apiErrorsByPath(e, lang));
    }
  };

  const kind = values?.kind;
  const scopeKind = values?.scopeKind;
  const name = (b: { zh: string; en: string }) => (lang === "en" ? b.en : b.zh);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={960}
      title={record ? t("rules.form.editTitle", { name: record.rule.name }) : t("rules.form.newTitle")}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("rules.form.cancel")}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t("rules.form.save")}
          </Button>
        </Space>
      }
    >
      <div className="rule-drawer">
        <Form form={form} layout="vertical" onFinish={submit} className="rule-form" requiredMark={false}>
          {save.error && <Alert type="error" showIcon title={errorText(save.error, lang)} className="rule-error" />}
          <Form.Item name="id" label={t("rules.form.id")} extra={t("rules.form.idHelp")} hidden={record !== null}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t("rules.form.name")}>
            <Input autoComplete="off" />
          </Form.Item>
          <Space.Compact block className="rule-row">
            <Form.Item name="scopeKind" label={t("rules.form.scope")} className="rule-col">
              <Select
                options={(["all", "section", "bureau", "target"] as const).map((k) => ({
                  value: k,
                  label: t(`rules.scope.${k}`),
                }))}
              />
            </Form.Item>
            {scopeKind === "section" && (
              <Form.Item name="section" label={t("rules.form.section")} className="rule-col-wide">
                <Select options={SECTIONS.map((s) => ({ value: s, label: name(SECTION_NAMES[s]) }))} />
              </Form.Item>
            )}
            {scopeKind === "bureau" && (
              <Form.Item name="bureau" label={t("rules.form.bureau")} className="rule-col-wide">
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  options={Object.entries(BUREAUS).map(([code, b]) => ({ value: code, label: name(b) }))}
                />
              </Form.Item>
            )}
            {scopeKind === "target" && (
              <Form.Item name="code" label={t("rules.form.target")} className="rule-col-wide">
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  loading={targets.isPending}
                  options={(targets.data?.items ?? []).map((x) => ({
                    value: x.code,
                    label: lang === "en" ? x.nameEn : x.nameZh,
                  }))}
                />
              </Form.Item>
            )}
          </Space.Compact>
          <Space.Compact block className="rule-row">
            <Form.Item name="kind" label={t("rules.form.condition")} className="rule-col-wide">
              <Select options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`rules.kind.${k}`) }))} />
            </Form.Item>
            {kind === "status_at_least" && (
              <Form.Item name="level" label={t("rules.form.level")} className="rule-col">
                <Select
                  options={(["yellow", "red"] as const).map((l) => ({ value: l, label: t(`rules.level.${l}`) }))}
                />
              </Form.Item>
            )}
            {kind === "gap_below" && (
              <Form.Item name="pp" label={t("rules.form.pp")} extra={t("rules.form.ppHelp")} className="rule-col">
                <InputNumber className="rule-number" step={1} />
              </Form.Item>
            )}
            {(kind === "value_above" || kind === "value_below") && (
              <Form.Item name="threshold" label={t("rules.form.threshold")} className="rule-col">
                <InputNumber className="rule-number" />
              </Form.Item>
            )}
            {kind === "stale" && (
              <Form.Item name="days" label={t("rules.form.days")} className="rule-col">
                <InputNumber className="rule-number" min={1} precision={0} />
              </Form.Item>
            )}
            {kind === "rejections_above" && (
              <>
                <Form.Item name="count" label={t("rules.form.count")} className="rule-col">
                  <InputNumber className="rule-number" min={0} precision={0} />
                </Form.Item>
                <Form.Item name="windowHours" label={t("rules.form.windowHours")} className="rule-col">
                  <InputNumber className="rule-number" min={1} precision={0} />
                </Form.Item>
              </>
            )}
            {kind === "revision_change" && (
              <Form.Item name="percent" label={t("rules.form.percent")} className="rule-col">
                <InputNumber className="rule-number" min={0} />
              </Form.Item>
            )}
          </Space.Compact>
          <Form.Item name="severity" label={t("rules.form.severity")}>
            <Select
              options={(["info", "warning", "critical"] as const).map((s) => ({
                value: s,
                label: t(`rules.severity.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="console" label={t("rules.channel.console")} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="webhookUrl" label={t("rules.form.webhookUrl")} extra={t("rules.form.webhookHelp")}>
            <Input placeholder="https://" autoComplete="off" />
          </Form.Item>
          <Form.Item name="enabled" label={t("rules.form.enabled")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
        <PreviewPanel
          preview={preview.data}
          loading={preview.isFetching}
          error={preview.error}
          ready={draft !== null}
          lang={lang}
        />
      </div>
    </Drawer>
  );
}

function PreviewPanel({
  preview,
  loading,
  error,
  ready,
  lang,
}: {
  preview: Preview | undefined;
  loading: boolean;
  error: Error | null;
  ready: boolean;
  lang: Lang;
}) {
  const { t } = useTranslation();
  // What would fire first, then the measured rest (how close they are), then those without data.
  const rank = (r: Preview["rows"][number]) => (r.breached ? 0 : r.outcome === "ok" ? 1 : 2);
  const rows = [...(preview?.rows ?? [])].sort((a, b) => rank(a) - rank(b));
  return (
    <section className="rule-preview" aria-label={t("rules.preview.title")} aria-busy={loading}>
      <Typography.Title level={2} className="rule-preview-title">
        {t("rules.preview.title")}
      </Typography.Title>
      {!ready && <Typography.Paragraph type="secondary">{t("rules.preview.incomplete")}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={errorText(error, lang)} />}
      {ready && preview && (
        <>
          <p className="rule-preview-summary" data-testid="preview-summary">
            {t("rules.preview.summary", {
              breached: formatCount(preview.breached, lang),
              total: formatCount(preview.total, lang),
              asOf: formatDate(preview.asOf, lang),
            })}
          </p>
          <Table
            size="small"
            rowKey="code"
            dataSource={rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t("rules.preview.none") }}
            columns={[
              {
                title: t("rules.preview.target"),
                key: "target",
                render: (_, r) => (lang === "en" ? r.targetName.en : r.targetName.zh),
              },
              {
                title: t("rules.preview.outcome"),
                key: "outcome",
                width: 96,
                render: (_, r) => (
                  <Tag color={r.breached ? "red" : r.outcome === "ok" ? "green" : "default"}>
                    {t(`rules.outcome.${r.outcome}`)}
                  </Tag>
                ),
              },
              {
                title: t("rules.preview.detail"),
                key: "detail",
                render: (_, r) => (lang === "en" ? r.detail.en : r.detail.zh),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
