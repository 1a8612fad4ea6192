import { Link } from "@tanstack/react-router";
import { List, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { DueDate } from "./DueDate.tsx";
import type { Followup } from "./queries.ts";
import "../alerts/tones.css";
import { STATUS_TONE, shortId } from "./view.ts";

/** A target's 督办 cases, each linking to its page. */
export function FollowupList({ items }: { items: readonly Followup[] }) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={[...items]}
      renderItem={(f) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Link to="/followups/$id" params={{ id: f.id }} className="followup-link">
                #{shortId(f.id)}{" "}
                <Tag className={STATUS_TONE[f.status]} data-status={f.status}>
                  {t(`followups.status.${f.status}`)}
                </Tag>
              </Link>
            }
            description={<DueDate f={f} />}
          />
        </List.Item>
      )}
    />
  );
}
