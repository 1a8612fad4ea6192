import { AssignFollowupSchema } from "@jindu/schema";
import { Link } from "@tanstack/react-router";
import { DatePicker, type DatePickerProps, Form, Input, Modal, message } from "antd";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/format.ts";
import { zodRule } from "../../lib/zodRule.ts";
import { errorText } from "../auth/queries.ts";
import { shortId } from "../followups/view.ts";
import { bureauName } from "./bureau.ts";
import { type AlertItem, useAssignFollowup } from "./queries.ts";

type Values = { dueDate: Exclude<NonNullable<DatePickerProps["value"]>, unknown[]>; note?: string };

/** 督办 from a firing alert: to the target's bureau (the API assigns it there), a due date, a note. */
export function AssignModal({ alert, onClose }: { alert: AlertItem | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<Values>();
  const assign = useAssignFollowup();
  const [toast, holder] = message.useMessage();
  const shape = AssignFollowupSchema.shape;

  const submit = (v: Values) => {
    if (!alert) return;
    assign.mutate(
      { alertKey: alert.key, dueDate: v.dueDate.format("YYYY-MM-DD"), ...(v.note ? { note: v.note } : {}) },
      {
        onSuccess: ({ followup }) => {
          onClose();
          form.resetFields();
          void toast.success(
            <Link to="/followups/$id" params={{ id: followup.id }} className="assigned-link">
              {t("alerts.assigned", { id: shortId(followup.id) })}
            </Link>,
          );
        },
        onError: (e) => form.setFields([{ name: "dueDate", errors: [errorText(e, lang)] }]),
      },
    );
  };

  return (
    <>
      {holder}
      <Modal
        open={alert !== null}
        title={
          alert ? t("alerts.assignTitle", { name: lang === "en" ? alert.targetName.en : alert.targetName.zh }) : ""
        }
        okText={t("alerts.assignSubmit")}
        okButtonProps={{ className: "assign-submit", loading: assign.isPending }}
        onOk={() => form.submit()}
        onCancel={onClose}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} className="assign-form" preserve={false}>
          <Form.Item label={t("alerts.bureau")}>
            <Input value={alert ? bureauName(alert.bureau, lang) : ""} disabled aria-label={t("alerts.bureau")} />
          </Form.Item>
          <Form.Item
            name="dueDate"
            label={t("alerts.dueDate")}
            rules={[{ required: true, message: t("alerts.dueRequired") }]}
          >
            <DatePicker className="due-date" disabledDate={(d) => d.endOf("day").valueOf() < Date.now()} />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("alerts.note")}
            rules={[zodRule(shape.note, t("followups.tooLong", { field: t("alerts.note"), max: 2000 }))]}
          >
            <Input.TextArea rows={3} placeholder={t("alerts.notePlaceholder")} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
