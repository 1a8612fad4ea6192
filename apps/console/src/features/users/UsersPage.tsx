import { BUREAUS, type Bureau } from "@jindu/schema/domain";
import { NewUserSchema, PASSWORD_RULE, PasswordSchema } from "@jindu/schema/user";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Form,
  type FormInstance,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiErrorsByPath, type FieldErrors, issuesByPath } from "../../lib/fieldErrors.ts";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText, meQuery } from "../auth/queries.ts";
import { generatePassword } from "./password.ts";
import { type UserItem, useCreateUser, usersQuery, useUpdateUser } from "./queries.ts";
import "./users.css";
import { PageHeader } from "../../components/PageHeader.tsx";

const ROLE_COLOR = { admin: "purple", leader: "blue", bureau: "cyan" } as const;
type NewUserForm = { username: string; displayName: string; role: UserItem["role"]; bureau?: string; password: string };

/** Users and their roles: create, reset a password, disable and enable. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.users"));
  const users = useQuery(usersQuery);
  const me = useQuery(meQuery);
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserItem | null>(null);
  const bureauName = (code: string) => {
    const b = BUREAUS[code as Bureau];
    return b ? (lang === "en" ? b.en : b.zh) : code;
  };

  return (
    <div className="users-page">
      <PageHeader
        title={t("nav.users")}
        intro={t("users.lead")}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t("users.new")}
          </Button>
        }
      />
      {(users.error ?? update.error) && (
        <Alert type="error" showIcon className="users-error" title={errorText(users.error ?? update.error, lang)} />
      )}
      <Table<UserItem>
        rowKey="id"
        loading={users.isPending}
        dataSource={users.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("users.empty") }}
        rowClassName={(u) => (u.disabled ? "user-disabled" : "")}
        columns={[
          { title: t("users.col.username"), dataIndex: "username" },
          { title: t("users.col.displayName"), dataIndex: "displayName" },
          {
            title: t("users.col.role"),
            key: "role",
            render: (_, u) => <Tag color={ROLE_COLOR[u.role]}>{t(`users.role.${u.role}`)}</Tag>,
          },
          { title: t("users.col.bureau"), key: "bureau", render: (_, u) => (u.bureau ? bureauName(u.bureau) : "—") },
          {
            title: t("users.col.status"),
            key: "status",
            render: (_, u) =>
              u.disabled ? (
                <Tag color="default">{t("users.disabled")}</Tag>
              ) : (
                <Tag color="green">{t("users.active")}</Tag>
              ),
          },
          {
            title: t("users.col.updated"),
            key: "updated",
            render: (_, u) => (
              <span>
                {formatDateTime(u.updatedAt, lang)}
                <Typography.Text type="secondary" className="user-by">
                  {" "}
                  {u.updatedBy}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t("users.col.actions"),
            key: "actions",
            render: (_, u) => {
              const self = u.id === me.data?.user.id;
              return (
                <Space>
                  <Button size="small" onClick={() => setResetting(u)}>
                    {t("users.reset")}
                  </Button>
                  {/* An admin cannot lock themself out (the API refuses it too). */}
                  {!self &&
                    (u.disabled ? (
                      <Button size="small" onClick={() => update.mutate({ id: u.id, patch: { disabled: false } })}>
                        {t("users.enable")}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t("users.disableConfirm", { name: u.displayName || u.username })}
                        description={t("users.disableHint")}
                        okText={t("users.disable")}
                        cancelText={t("users.cancel")}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => update.mutateAsync({ id: u.id, patch: { disabled: true } })}
                      >
                        <Button size="small" danger>
                          {t("users.disable")}
                        </Button>
                      </Popconfirm>
                    ))}
                  {self && <Typography.Text type="secondary">{t("users.you")}</Typography.Text>}
                </Space>
              );
            },
          },
        ]}
      />
      <CreateUser open={creating} onClose={() => setCreating(false)} />
      <ResetPassword user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}

/** Puts each error at its field (the API's paths name the body's fields, which are the form's). */
function setErrors<T>(form: FormInstance<T>, errors: FieldErrors) {
  form.setFields([...errors].map(([path, text]) => ({ name: (path.split(".")[0] ?? path) as never, errors: [text] })));
}

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<NewUserForm>();
  const create = useCreateUser();
  const role = Form.useWatch("role", form);

  const submit = async (v: NewUserForm) => {
    const parsed = NewUserSchema.safeParse({ ...v, bureau: v.role === "bureau" ? v.bureau : undefined });
    if (!parsed.success) return setErrors(form, issuesByPath(parsed.error, lang));
    try {
      await create.mutateAsync(parsed.data);
      form.resetFields();
      onClose();
    } catch (e) {
      setErrors(form, apiErrorsByPath(e, lang));
    }
  };

  return (
    <Modal
      open={open}
      title={t("users.newTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("users.create")}
      cancelText={t("users.cancel")}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        name="new-user"
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: "bureau" }}
        requiredMark={false}
      >
        {create.error && <Alert type="error" showIcon className="users-error" title={errorText(create.error, lang)} />}
        <Form.Item name="username" label={t("users.col.username")} extra={t("users.usernameHelp")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t("users.col.displayName")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t("users.col.role")}>
          <Select
            options={(["admin", "leader", "bureau"] as const).map((r) => ({ value: r, label: t(`users.role.${r}`) }))}
          />
        </Form.Item>
        {role === "bureau" && (
          <Form.Item
            name="bureau"
            label={t("users.col.bureau")}
            rules={[{ required: true, message: t("users.bureauRequired") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={Object.entries(BUREAUS).map(([code, b]) => ({
                value: code,
                label: lang === "en" ? b.en : b.zh,
              }))}
            />
          </Form.Item>
        )}
        <PasswordField />
      </Form>
    </Modal>
  );
}

/** A password input with a generator; the admin hands the password on, so it is shown, not masked. */
function PasswordField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={t("users.password")} extra={t("users.passwordHelp", { min: PASSWORD_RULE.min })}>
      <Space.Compact block>
        <Form.Item name="password" noStyle>
          <Input autoComplete="new-password" aria-label={t("users.password")} className="user-password" />
        </Form.Item>
        <Button onClick={() => form.setFieldValue("password", generatePassword())}>{t("users.generate")}</Button>
      </Space.Compact>
    </Form.Item>
  );
}

function ResetPassword({ user, onClose }: { user: UserItem | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();
  const [done, setDone] = useState<string | null>(null);

  const close = () => {
    setDone(null);
    update.reset();
    form.resetFields();
    onClose();
  };
  const submit = async ({ password }: { password: string }) => {
    const parsed = PasswordSchema.safeParse(password ?? "");
    if (!parsed.success)
      return setErrors(form, new Map([["password", [...issuesByPath(parsed.error, lang).values()][0] ?? ""]]));
    if (!user) return;
    try {
      await update.mutateAsync({ id: user.id, patch: { password: parsed.data } });
      setDone(parsed.data);
    } catch (e) {
      setErrors(form, apiErrorsByPath(e, lang));
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t("users.resetTitle", { name: user?.displayName || user?.username })}
      onCancel={close}
      onOk={() => (done ? close() : form.submit())}
      okText={done ? t("users.done") : t("users.resetOk")}
      cancelButtonProps={done ? { style: { display: "none" } } : {}}
      cancelText={t("users.cancel")}
      confirmLoading={update.isPending}
      forceRender
    >
      {done ? (
        <>
          <Alert type="success" showIcon title={t("users.resetDone")} className="users-error" />
          <Typography.Paragraph copyable={{ text: done }} code data-testid="new-password">
            {done}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t("users.resetOnce")}</Typography.Paragraph>
        </>
      ) : (
        <Form form={form} name="reset-password" layout="vertical" onFinish={submit} requiredMark={false}>
          {update.error && (
            <Alert type="error" showIcon className="users-error" title={errorText(update.error, lang)} />
          )}
          <Typography.Paragraph type="secondary">{t("users.resetHint")}</Typography.Paragraph>
          <PasswordField />
        </Form>
      )}
    </Modal>
  );
}
