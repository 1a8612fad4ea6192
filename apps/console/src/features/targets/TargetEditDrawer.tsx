import { type ProgressThresholds, TargetEditSchema } from "@jindu/schema";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Badge,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  InputNumber,
  Space,
  Timeline,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type ProgressItem, type TargetItem } from "../../api/client.ts";
import { apiErrorsByPath } from "../../lib/fieldErrors.ts";
import { formatDateTime, formatQuantity, type Lang, statusColor } from "../../lib/format.ts";
import { errorText } from "../auth/queries.ts";
import { progressSettingsQuery } from "../settings/queries.ts";
import { THRESHOLD_FIELDS, type ThresholdKey, thresholdsFor, toShown, toStored } from "../settings/thresholds.ts";
import { storedTargetQuery, targetAuditQuery, useUpdateTarget } from "./queries.ts";

type FormValues = {
  value?: number | null;
  high?: number | null;
  tolerance?: number | null;
  thresholds: Partial<Record<ThresholdKey, number | null>>;
};

const unitOf = (t: TargetItem) => (t.kind === "qualitative" ? "" : t.unit);

/** The target's current figures and own thresholds as the form shows them. */
function initialValues(target: TargetItem): FormValues {
  const own = target.thresholds ?? {};
  const thresholds: FormValues["thresholds"] = {};
  for (const { key } of THRESHOLD_FIELDS) {
    const v = own[key];
    thresholds[key] = v === undefined ? null : toShown(key, v);
  }
  if (target.kind === "qualitative") return { thresholds };
  return { value: target.value, high: target.high ?? null, tolerance: target.tolerance ?? null, thresholds };
}

/**
 * The PATCH body: the figures as entered, the thresholds set (none set: the global ones again), and
 * the version they were edited from, so that a colleague's save in the meantime is not overwritten.
 */
function bodyOf(target: TargetItem, version: number | undefined, v: FormValues) {
  const own: Partial<ProgressThresholds> = {};
  for (const [key, shown] of Object.entries(v.thresholds ?? {}) as [ThresholdKey, number | null | undefined][]) {
    if (shown !== null && shown !== undefined) own[key] = toStored(key, shown);
  }
  const thresholds = Object.keys(own).length > 0 ? own : null;
  const from = { year: target.year, ...(version === undefined ? {} : { version }) };
  if (target.kind === "qualitative") return { ...from, thresholds };
  return {
    ...from,
    ...(v.value !== null && v.value !== undefined ? { value: v.value } : {}),
    high: v.high ?? null,
    tolerance: v.tolerance ?? null,
    thresholds,
  };
}

/** Edit one target: its figures and thresholds, the report's sentence beside them (read-only), its trail. */
export function TargetEditDrawer({
  target: listed,
  progress,
  sectionName,
  onClose,
}: {
  target: TargetItem | undefined;
  progress: ProgressItem | undefined;
  sectionName: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateTarget(listed?.code ?? "");
  const global = useQuery(progressSettingsQuery);
  // The form edits the stored version (the list may be older); a save names it.
  const stored = useQuery({
    ...storedTargetQuery(listed?.code ?? "", listed?.year ?? 0),
    enabled: listed !== undefined,
  });
  const target = stored.data?.target ?? listed;
  const version = stored.data?.version;
  // Someone else saved this target since it was opened: the form waits for a reload.
  const [conflict, setConflict] = useState<string | null>(null);
  // Filled again only when another version arrives, never under the admin's typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `target` is read for the version it belongs to.
  useEffect(() => {
    if (target) form.setFieldsValue(initialValues(target));
  }, [target?.code, version, form]);
  if (!target) return <Drawer open={false} onClose={onClose} />;
  const unit = unitOf(target);
  const quantitative = target.kind !== "qualitative";
  const relevant = thresholdsFor({ kind: target.kind, unit, comparator: quantitative ? target.comparator : undefined });
  const editable = quantitative || relevant.length > 0;

  const onFinish = (values: FormValues) => {
    const body = bodyOf(target, version, values);
    // The API's own schema first; what it cannot see alone (red before yellow with the global
    // thresholds, a range's bounds) the API answers, at the field it concerns.
    const checked = TargetEditSchema.safeParse(body);
    if (!checked.success) {
      form.setFields(
        checked.error.issues.map((issue) => ({
          name: issue.path.map(String) as never,
          errors: [t("targets.form.invalid")],
        })),
      );
      return;
    }
    update.mutate(checked.data, {
      onSuccess: () => void message.success(t("targets.form.saved")),
      onError: (e) => {
        if (e instanceof ApiError && e.status === 409) {
          setConflict(errorText(e, lang));
          return;
        }
        // The API names the field it refuses: the message goes there.
        const [field] = apiErrorsByPath(e, lang);
        if (field?.[0]) form.setFields([{ name: field[0].split(".") as never, errors: [field[1]] }]);
        else void message.error(errorText(e, lang));
      },
    });
  };

  const reload = async () => {
    await stored.refetch();
    setConflict(null);
  };

  const name = lang === "en" ? target.nameEn : target.nameZh;
  return (
    <Drawer
      open
      onClose={onClose}
      size={560}
      title={name}
      destroyOnHidden
      className="target-edit-drawer"
      extra={
        progress && (
          <Badge
            color={statusColor(progress.status)}
            text={t(`status.${progress.status}`)}
            data-status={progress.status}
          />
        )
      }
    >
      <Descriptions size="small" column={1} className="target-facts">
        <Descriptions.Item label={t("targets.col.code")}>
          <code>{target.code}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t("targets.col.section")}>{sectionName}</Descriptions.Item>
        <Descriptions.Item label={t("targets.col.kind")}>
          {t(`targets.kind.${target.kind}`)}
          {quantitative && ` · ${t(`targets.comparator.${target.comparator}`)}`}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t("targets.form.quote")}</Typography.Text>
      <blockquote className="report-quote" data-testid="report-quote">
        {target.quote}
      </blockquote>
      <Typography.Paragraph type="secondary" className="quote-note">
        {t("targets.form.quoteNote")}
      </Typography.Paragraph>

      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="edit-conflict"
          title={t("targets.form.conflict")}
          description={conflict}
          action={
            <Button size="small" onClick={() => void reload()} loading={stored.isFetching}>
              {t("targets.form.reload")}
            </Button>
          }
        />
      )}
      {!editable && <Alert type="info" showIcon title={t("targets.form.nothingToEdit")} className="nothing-to-edit" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} hidden={!editable}>
        {quantitative && (
          <>
            <Form.Item
              name="value"
              label={t("targets.form.value")}
              rules={[{ required: true, message: t("targets.form.required") }]}
            >
              <InputNumber suffix={unit} className="figure-input" aria-label={t("targets.form.value")} />
            </Form.Item>
            {target.comparator === "range" && (
              <Form.Item
                name="high"
                label={t("targets.form.high")}
                dependencies={["value"]}
                rules={[
                  { required: true, message: t("targets.form.required") },
                  ({ getFieldValue }) => ({
                    validator: (_, v: number | null) =>
                      v === null || v === undefined || v >= (getFieldValue("value") as number)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("targets.form.highBelow"))),
                  }),
                ]}
              >
                <InputNumber suffix={unit} className="figure-input" aria-label={t("targets.form.high")} />
              </Form.Item>
            )}
            {target.comparator === "approx" && (
              <Form.Item name="tolerance" label={t("targets.form.tolerance")} extra={t("targets.form.toleranceHelp")}>
                <InputNumber min={0} suffix={unit} className="figure-input" aria-label={t("targets.form.tolerance")} />
              </Form.Item>
            )}
          </>
        )}
        {relevant.length > 0 && (
          <>
            <Divider titlePlacement="start" plain>
              {t("targets.form.thresholds")}
            </Divider>
            <Typography.Paragraph type="secondary">{t("targets.form.thresholdsHelp")}</Typography.Paragraph>
            {relevant.map((key) => {
              const f = THRESHOLD_FIELDS.find((x) => x.key === key);
              const g = global.data?.thresholds[key];
              return (
                <Form.Item
                  key={key}
                  name={["thresholds", key]}
                  label={t(`settings.thresholds.${key}.label`)}
                  extra={
                    g === undefined
                      ? undefined
                      : t("targets.form.globalValue", {
                          value: `${toShown(key, g)}${t(`settings.thresholds.unit.${f?.unit ?? "pp"}`)}`,
                        })
                  }
                >
                  <InputNumber
                    min={0}
                    step={1}
                    suffix={t(`settings.thresholds.unit.${f?.unit ?? "pp"}`)}
                    placeholder={g === undefined ? undefined : String(toShown(key, g))}
                    className="figure-input"
                    aria-label={t(`settings.thresholds.${key}.label`)}
                  />
                </Form.Item>
              );
            })}
          </>
        )}
        <Button type="primary" htmlType="submit" loading={update.isPending} disabled={conflict !== null}>
          {t("targets.form.save")}
        </Button>
      </Form>

      <Divider titlePlacement="start" plain>
        {t("targets.audit.title")}
      </Divider>
      <AuditTrail code={target.code} unit={unit} />
    </Drawer>
  );
}

type Snapshot = { value?: number; high?: number; tolerance?: number; thresholds?: Partial<ProgressThresholds> };

/** What changed between two versions, as a clerk reads it: 目标值 700处 → 300处. */
function changes(before: Snapshot, after: Snapshot, unit: string, lang: Lang, label: (k: string) => string) {
  const q = (v: number | undefined) => (v === undefined ? "—" : formatQuantity(v, unit, lang));
  const out: string[] = [];
  for (const k of ["value", "high", "tolerance"] as const) {
    if (before[k] !== after[k]) out.push(`${label(`targets.form.${k}`)} ${q(before[k])} → ${q(after[k])}`);
  }
  const keys = new Set([...Object.keys(before.thresholds ?? {}), ...Object.keys(after.thresholds ?? {})]);
  for (const k of keys as Set<ThresholdKey>) {
    const b = before.thresholds?.[k];
    const a = after.thresholds?.[k];
    if (b !== a) {
      const shown = (v: number | undefined) =>
        v === undefined ? label("targets.audit.global") : String(toShown(k, v));
      out.push(`${label(`settings.thresholds.${k}.label`)} ${shown(b)} → ${shown(a)}`);
    }
  }
  return out;
}

function AuditTrail({ code, unit }: { code: string; unit: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const audit = useQuery(targetAuditQuery(code));
  if (audit.error) return <Alert type="error" showIcon title={errorText(audit.error, lang)} />;
  const items = audit.data?.items ?? [];
  if (!audit.isPending && items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("targets.audit.empty")} />;
  }
  return (
    <Timeline
      className="target-audit"
      items={items.map((e) => {
        const diff = changes((e.before ?? {}) as Snapshot, (e.after ?? {}) as Snapshot, unit, lang, t);
        return {
          key: `${e.at}-${e.requestId}`,
          content: (
            <div data-testid="audit-entry">
              <Space size={4} wrap>
                <Typography.Text strong>{e.actor}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(e.at, lang)}</Typography.Text>
              </Space>
              {diff.length > 0 ? diff.map((d) => <div key={d}>{d}</div>) : <div>{t("targets.audit.noChange")}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
