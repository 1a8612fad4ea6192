import { DEFAULT_PROGRESS_THRESHOLDS, type ProgressThresholds, ProgressThresholdsSchema } from "@jindu/schema";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, InputNumber, Popconfirm, Skeleton, Space, Switch, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { apiErrorsByPath } from "../../lib/fieldErrors.ts";
import { formatCount, formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { demoQuery } from "../board/queries.ts";
import {
  boardSettingsQuery,
  progressSettingsQuery,
  usePutBoardSettings,
  usePutProgressSettings,
  useRemoveDemo,
} from "./queries.ts";
import { THRESHOLD_FIELDS, type ThresholdKey, toShown, toStored } from "./thresholds.ts";
import "./settings.css";
import { PageHeader } from "../../components/PageHeader.tsx";

/** 设置: who may read the board, where statuses turn yellow and red, and the demo dataset. */
export function SettingsPage() {
  const { t } = useTranslation();
  useTitle(t("title.settings"));
  return (
    // antd's App gives the cards' toasts the page's theme and locale.
    <App component={false}>
      <div className="settings-page">
        <PageHeader title={t("nav.settings")} />
        <BoardCard />
        <ThresholdsCard />
        <DemoCard />
      </div>
    </App>
  );
}

function BoardCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const board = useQuery(boardSettingsQuery);
  const put = usePutBoardSettings();
  const open = board.data?.anonymous ?? false;
  return (
    <Card title={t("settings.board.title")} className="settings-card">
      <Space align="start" size="middle">
        <Switch
          checked={open}
          loading={board.isPending || put.isPending}
          onChange={(on) =>
            put.mutate(on, {
              onSuccess: () => void message.success(t(on ? "settings.board.opened" : "settings.board.closed")),
              onError: (e) => void message.error(errorText(e, i18n.language)),
            })
          }
          aria-label={t("settings.board.switch")}
          data-testid="board-public"
        />
        <div>
          <Typography.Text strong>{t(open ? "settings.board.on" : "settings.board.off")}</Typography.Text>
          <Typography.Paragraph type="secondary" className="explain">
            {t("settings.board.help")}
          </Typography.Paragraph>
        </div>
      </Space>
    </Card>
  );
}

type ShownThresholds = Record<ThresholdKey, number | null>;

const shown = (v: ProgressThresholds): ShownThresholds =>
  Object.fromEntries(THRESHOLD_FIELDS.map(({ key }) => [key, toShown(key, v[key])])) as ShownThresholds;

function ThresholdsCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { message } = App.useApp();
  const [form] = Form.useForm<ShownThresholds>();
  const settings = useQuery(progressSettingsQuery);
  const put = usePutProgressSettings();
  const defaults = settings.data?.defaults ?? DEFAULT_PROGRESS_THRESHOLDS;
  useEffect(() => {
    if (settings.data) form.setFieldsValue(shown(settings.data.thresholds));
  }, [settings.data, form]);

  const save = (body: Partial<ProgressThresholds>) =>
    put.mutate(body, {
      onSuccess: () => void message.success(t("settings.thresholds.saved")),
      onError: (e) => {
        const [field] = apiErrorsByPath(e, lang);
        const name = field?.[0] ? field[0].split(".").at(-1) : undefined;
        const text = field ? field[1] : errorText(e, lang);
        if (name) form.setFields([{ name: name as ThresholdKey, errors: [text] }]);
        else void message.error(text);
      },
    });

  const onFinish = (values: ShownThresholds) => {
    // Empty fields take their defaults; the schema the API uses decides what is valid.
    const body: Partial<ProgressThresholds> = {};
    for (const { key } of THRESHOLD_FIELDS) {
      const v = values[key];
      if (v !== null && v !== undefined) body[key] = toStored(key, v);
    }
    const checked = ProgressThresholdsSchema.safeParse(body);
    if (!checked.success) {
      form.setFields(
        checked.error.issues.map((issue) => ({
          name: issue.path[0] as ThresholdKey,
          errors: [t(issue.code === "custom" ? "settings.thresholds.redBeforeYellow" : "settings.thresholds.range")],
        })),
      );
      return;
    }
    save(body);
  };

  if (settings.error) return <Alert type="error" showIcon title={errorText(settings.error, lang)} />;
  return (
    <Card title={t("settings.thresholds.title")} className="settings-card">
      <Typography.Paragraph type="secondary">{t("settings.thresholds.intro")}</Typography.Paragraph>
      {settings.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} className="thresholds-form">
          {THRESHOLD_FIELDS.map(({ key, unit }) => (
            <Form.Item
              key={key}
              name={key}
              label={t(`settings.thresholds.${key}.label`)}
              extra={
                <>
                  <span className="explain">{t(`settings.thresholds.${key}.help`)}</span>{" "}
                  <span className="default" data-testid={`default-${key}`}>
                    {t("settings.thresholds.default", { value: toShown(key, defaults[key]) })}
                    {t(`settings.thresholds.unit.${unit}`)}
                  </span>
                </>
              }
            >
              <InputNumber
                min={0}
                step={1}
                suffix={t(`settings.thresholds.unit.${unit}`)}
                placeholder={String(toShown(key, defaults[key]))}
                className="threshold-input"
                aria-label={t(`settings.thresholds.${key}.label`)}
              />
            </Form.Item>
          ))}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={put.isPending}>
              {t("settings.thresholds.save")}
            </Button>
            <Popconfirm
              title={t("settings.thresholds.resetConfirm")}
              okText={t("settings.confirm")}
              cancelText={t("settings.cancel")}
              onConfirm={() => save({})}
            >
              <Button>{t("settings.thresholds.reset")}</Button>
            </Popconfirm>
            {settings.data && settings.data.version > 0 && settings.data.updatedAt && (
              <Typography.Text type="secondary">
                {t("settings.updated", {
                  who: settings.data.updatedBy ?? "",
                  at: formatDateTime(settings.data.updatedAt, lang),
                })}
              </Typography.Text>
            )}
          </Space>
        </Form>
      )}
    </Card>
  );
}

function DemoCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { message } = App.useApp();
  const demo = useQuery(demoQuery);
  const remove = useRemoveDemo();
  const loaded = demo.data?.active ?? false;
  return (
    <Card title={t("settings.demo.title")} className="settings-card">
      {loaded && demo.data ? (
        <Space direction="vertical">
          <Typography.Text>
            {t("settings.demo.loaded", { rows: formatCount(demo.data.rows ?? 0, lang), asOf: demo.data.asOf ?? "" })}
          </Typography.Text>
          <Popconfirm
            title={t("settings.demo.confirm")}
            okText={t("settings.confirm")}
            cancelText={t("settings.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutate(undefined, {
                onSuccess: () => void message.success(t("demo.removed")),
                onError: (e) => void message.error(errorText(e, lang)),
              })
            }
          >
            <Button danger loading={remove.isPending}>
              {t("demo.remove")}
            </Button>
          </Popconfirm>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t("settings.demo.none")}</Typography.Text>
      )}
    </Card>
  );
}
