import { useQuery } from "@tanstack/react-query";
import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate, type Lang } from "../../lib/format.ts";
import { targetsQuery } from "../board/queries.ts";
import type { Followup } from "./queries.ts";
import { daysLeft, isOverdue } from "./view.ts";

/** A target's name in the reader's language, from the board's list of targets. */
export function useTargetName() {
  const { i18n } = useTranslation();
  const targets = useQuery(targetsQuery);
  return (code: string) => {
    const target = targets.data?.items.find((x) => x.code === code);
    if (!target) return code;
    return i18n.language === "en" ? target.nameEn : target.nameZh;
  };
}

/** The due date, and how it stands: overdue, due today, or days left while the bureau owes an answer. */
export function DueDate({ f }: { f: Pick<Followup, "status" | "dueDate"> }) {
  const { t, i18n } = useTranslation();
  const now = new Date();
  const left = daysLeft(f.dueDate, now);
  const waiting = f.status === "assigned" || f.status === "returned";
  return (
    <Space size={4} wrap>
      <span>{formatDate(f.dueDate, i18n.language as Lang)}</span>
      {isOverdue(f, now) ? (
        <Tag className="overdue tone-red">{t("followups.overdue")}</Tag>
      ) : (
        waiting && (
          <Typography.Text type="secondary">
            {left === 0 ? t("followups.dueToday") : t("followups.daysLeft", { count: left })}
          </Typography.Text>
        )
      )}
    </Space>
  );
}
