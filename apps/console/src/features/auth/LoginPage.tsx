import { useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";
import { errorText, useSignIn } from "./queries.ts";

/** Sign in with a username and password; the session lives in an HttpOnly cookie. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  useTitle(t("title.login"));
  const navigate = useNavigate();
  const signIn = useSignIn();
  return (
    <div className="login">
      <Card className="login-card">
        <Typography.Title level={3}>{t("login.heading")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("app.city")}</Typography.Paragraph>
        <Form
          layout="vertical"
          aria-label="sign in"
          initialValues={{ username: "admin", password: "" }}
          onFinish={(v: { username: string; password: string }) =>
            signIn.mutate(v, { onSuccess: () => void navigate({ to: "/", search: (s) => s }) })
          }
        >
          <Form.Item
            label={t("login.username")}
            name="username"
            rules={[{ required: true, message: t("login.required", { field: t("login.username") }) }]}
          >
            <Input name="username" autoComplete="username" />
          </Form.Item>
          <Form.Item
            label={t("login.password")}
            name="password"
            rules={[{ required: true, message: t("login.required", { field: t("login.password") }) }]}
          >
            <Input.Password name="password" autoComplete="current-password" />
          </Form.Item>
          {signIn.isError && (
            <Alert
              role="alert"
              type="error"
              showIcon
              title={errorText(signIn.error, i18n.language)}
              className="login-error"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t("login.submit")}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="hint">
          {t("login.hint")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
