import { Button, DatePicker, type DatePickerProps, message, Popover, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/format.ts";
import { errorText } from "../auth/queries.ts";
import { type AlertItem, useSilence } from "./queries.ts";
import { isSilenced } from "./view.ts";

// One moment (antd's dayjs), not a range.
type Picked = Exclude<NonNullable<DatePickerProps["value"]>, unknown[]>;

/** Silence until a date and time (a popover with a picker), or lift a silence that holds. */
export function SilenceButton({ alert }: { alert: AlertItem }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const silence = useSilence();
  const [toast, holder] = message.useMessage();
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState<Picked | null>(null);
  const done = {
    onSuccess: () => {
      setOpen(false);
      void toast.success(t("alerts.silenced"));
    },
    onError: (e: unknown) => void toast.error(errorText(e, lang)),
  };
  if (isSilenced(alert, new Date()))
    return (
      <>
        {holder}
        <Button
          size="small"
          className="unsilence"
          loading={silence.isPending}
          onClick={() => silence.mutate({ key: alert.key, until: null }, done)}
        >
          {t("alerts.unsilence")}
        </Button>
      </>
    );
  return (
    <>
      {holder}
      <Popover
        trigger="click"
        open={open}
        onOpenChange={setOpen}
        title={t("alerts.silenceTitle")}
        content={
          <Space orientation="vertical" className="silence-form">
            <DatePicker
              showTime={{ format: "HH:mm" }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t("alerts.silenceTitle")}
              value={until}
              onChange={(v) => setUntil(v)}
              disabledDate={(d) => d.endOf("day").valueOf() < Date.now()}
            />
            <Typography.Text type="secondary" className="silence-hint">
              {t("alerts.silenceHint")}
            </Typography.Text>
            <Button
              type="primary"
              size="small"
              className="silence-submit"
              disabled={!until}
              loading={silence.isPending}
              onClick={() => until && silence.mutate({ key: alert.key, until: until.format() }, done)}
            >
              {t("alerts.silenceSubmit")}
            </Button>
          </Space>
        }
      >
        <Button size="small" className="silence">
          {t("alerts.silence")}
        </Button>
      </Popover>
    </>
  );
}
