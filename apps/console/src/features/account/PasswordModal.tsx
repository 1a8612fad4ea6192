import { PASSWORD_RULE, PasswordChangeSchema } from "@jindu/schema/user";
import { Alert, Button, Form, Input, Modal, Result } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { issuesByPath } from "../../lib/fieldErrors.ts";
import type { Lang } from "../../lib/format.ts";
import { zodRule } from "../../lib/zodRule.ts";
import { errorText } from "../auth/queries.ts";
import { passwordErrors, useChangePassword } from "./queries.ts";
import "./account.css";

type Values = { currentPassword: string; newPassword: string; repeat: string };

/** 修改密码: the current password, the new one twice; then how many other sign-ins were ended. */
export function PasswordModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setFailure(null);
    const parsed = PasswordChangeSchema.safeParse({ currentPassword, newPassword });
    const put = (errors: Map<string, string>) =>
      form.setFields([...errors].map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
    if (!parsed.success) return put(issuesByPath(parsed.error, lang));
    try {
      await change.mutateAsync(parsed.data);
    } catch (e) {
      const errors = passwordErrors(e, lang);
      if (errors.size > 0) put(errors);
      else setFailure(errorText(e, lang));
    }
  };

  const done = change.isSuccess;
  return (
    <Modal
      open
      title={t("account.password.title")}
      onCancel={onClose}
      className="password-modal"
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t("account.password.close")}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t("account.password.cancel")}</Button>
            <Button type="primary" loading={change.isPending} onClick={() => form.submit()}>
              {t("account.password.submit")}
            </Button>
          </>
        )
      }
    >
      {done ? (
        <Result
          status="success"
          className="password-done"
          title={t("account.password.done")}
          subTitle={
            change.data.revokedSessions > 0
              ? t("account.password.doneOthers", { count: change.data.revokedSessions })
              : t("account.password.doneAlone")
          }
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} className="password-form">
          {failure && <Alert type="error" showIcon title={failure} className="password-failure" />}
          <Form.Item
            name="currentPassword"
            label={t("account.password.current")}
            rules={[{ required: true, message: t("account.password.required") }]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t("account.password.new")}
            extra={t("account.password.rule", { min: PASSWORD_RULE.min })}
            rules={[
              { required: true, message: t("account.password.required") },
              zodRule(
                PasswordChangeSchema.shape.newPassword,
                t("account.password.tooShort", { min: PASSWORD_RULE.min }),
              ),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t("account.password.repeat")}
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: t("account.password.required") },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("account.password.mismatch"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {/* Enter in a field submits, as in the sign-in form. */}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      )}
    </Modal>
  );
}
