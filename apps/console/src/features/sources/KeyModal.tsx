import { CheckOutlined, CopyOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";

/**
 * A source's API key, shown once: only its hash is stored, so closing this modal is the last time
 * anyone sees it. The page drops the key from its state on close.
 */
export function KeyModal({ sourceId, apiKey, onClose }: { sourceId: string; apiKey: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t("sources.key.title", { id: sourceId })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("sources.key.done")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t("sources.key.warning")} className="source-key-warning" />
      <Typography.Paragraph
        className="source-key"
        copyable={{
          text: apiKey,
          tooltips: false,
          icon: [
            <span key="copy" className="source-key-copy">
              <CopyOutlined /> {t("sources.key.copy")}
            </span>,
            <span key="copied" className="source-key-copy">
              <CheckOutlined /> {t("sources.key.copied")}
            </span>,
          ],
        }}
      >
        <code data-testid="source-key">{apiKey}</code>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("sources.key.how")}</Typography.Paragraph>
    </Modal>
  );
}
