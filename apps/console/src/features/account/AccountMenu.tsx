import { DownOutlined, KeyOutlined, LogoutOutlined } from "@ant-design/icons";
import { useNavigate } from "@tanstack/react-router";
import { Button, Dropdown, type MenuProps } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../api/client.ts";
import { useSignOut } from "../auth/queries.ts";

// The form comes when it is asked for, not with the board's first JavaScript.
const PasswordModal = lazy(() => import("./PasswordModal.tsx").then((m) => ({ default: m.PasswordModal })));

/** The signed-in name in the header: a menu of the person's own account (change password, sign out). */
export function AccountMenu({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [changing, setChanging] = useState(false);
  const { user } = me;

  const items: MenuProps["items"] = [
    {
      type: "group",
      key: "who",
      label: `${user.username} · ${t(`account.role.${user.role}`)}`,
      children: [
        { key: "password", icon: <KeyOutlined />, label: t("account.menu.password"), className: "change-password" },
        { key: "signOut", icon: <LogoutOutlined />, label: t("header.signOut"), className: "sign-out" },
      ],
    },
  ];
  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "password") setChanging(true);
    // Signed out, this menu is gone (the header shows no one), so the way on is the promise's, not a
    // callback of the unmounted component's.
    if (key === "signOut") void signOut.mutateAsync().then(() => navigate({ to: "/login", search: {} }));
  };

  return (
    <span className="who">
      <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
        <Button
          type="text"
          size="small"
          className="account-trigger"
          aria-label={t("account.menu.label", { name: nameOf(me) })}
        >
          <span className="who-name">{nameOf(me)}</span>
          <DownOutlined />
        </Button>
      </Dropdown>
      {changing && (
        <Suspense fallback={null}>
          <PasswordModal onClose={() => setChanging(false)} />
        </Suspense>
      )}
    </span>
  );
}

const nameOf = (me: MeResponse) => me.user.displayName || me.user.username;
