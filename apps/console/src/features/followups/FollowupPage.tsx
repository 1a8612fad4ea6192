import { AnswerFollowupSchema, ReviewFollowupSchema } from "@jindu/schema";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  message,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { zodRule } from "../../lib/zodRule.ts";
import { bureauName } from "../alerts/bureau.ts";
import { alertHistoryQuery } from "../alerts/queries.ts";
import { alertSentence } from "../alerts/view.ts";
import { errorText, meQuery } from "../auth/queries.ts";
import { DueDate, useTargetName } from "./DueDate.tsx";
import { type Followup, followupQuery, useAnswer, useReview } from "./queries.ts";
import { nextSteps, STATUS_TONE, shortId } from "./view.ts";
import "../alerts/tones.css";
import "./followups.css";

/** One 督办 case: where it came from, what was asked, the bureau's answer, the review, every step. */
export function FollowupPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { id } = useParams({ from: "/followups/$id" });
  const search = useSearch({ strict: false }) as { lang?: Lang };
  useTitle(t("title.followup", { id: shortId(id) }));
  const me = useQuery(meQuery);
  const detail = useQuery(followupQuery(id));
  const f = detail.data?.followup;
  const alert = useQuery({ ...alertHistoryQuery(f?.alertKey ?? ""), enabled: f !== undefined });
  const targetName = useTargetName();

  if (detail.error)
    return <Alert type="error" showIcon title={`${t("error.load")}: ${errorText(detail.error, lang)}`} />;
  if (!f || !detail.data) return <Skeleton active />;
  const history = detail.data.history;
  const assigned = history.find((h) => h.action === "assign") ?? f;
  const answer = [...history].reverse().find((h) => h.action === "answer");
  const steps = nextSteps(f, me.data?.user.role ?? "");
  const a = alert.data?.alert;

  return (
    <div className="followup-page">
      <Link to="/followups" search={{ lang: search.lang }} className="back">
        ← {t("followups.back")}
      </Link>
      <div className="followup-head">
        <Typography.Title level={2}>{t("followups.heading1", { id: shortId(f.id) })}</Typography.Title>
        <Tag className={`followup-status ${STATUS_TONE[f.status]}`} data-status={f.status}>
          {t(`followups.status.${f.status}`)}
        </Tag>
      </div>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} className="followup-facts">
          <Descriptions.Item label={t("followups.target")}>
            <Link to="/targets/$code" params={{ code: f.code }} search={{ lang: search.lang }}>
              {targetName(f.code)}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("followups.bureau")}>{bureauName(f.bureau, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("followups.alert")}>
            <span className="followup-alert">
              {a ? `${a.ruleName} · ${alertSentence(a, lang) ?? t(`alerts.status.${a.status}`)}` : f.alertKey}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("followups.due")}>
            <DueDate f={f} />
          </Descriptions.Item>
          <Descriptions.Item label={t("followups.assignedBy")}>
            {assigned.actor} · {formatDateTime(assigned.at, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t("followups.note")}>{assigned.note || t("followups.none")}</Descriptions.Item>
        </Descriptions>
      </Card>

      {answer && (
        <Card size="small" title={t("followups.answer")} className="followup-answer">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t("followups.explanation")}>
              <span className="pre">{answer.explanation}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("followups.plan")}>
              <span className="pre">{answer.plan}</span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {steps.answer && <AnswerForm f={f} />}
      {steps.review && <ReviewForm f={f} />}
      {!steps.answer && !steps.review && f.status !== "closed" && (
        <Typography.Paragraph type="secondary" className="followup-waiting">
          {t(f.status === "answered" ? "followups.waitingReview" : "followups.waiting")}
        </Typography.Paragraph>
      )}

      <Card size="small" title={t("followups.history")} className="followup-history">
        <Timeline
          items={history.map((h) => ({
            key: `${h.version}`,
            color: h.action === "return" ? "red" : h.action === "assign" ? "blue" : "green",
            children: <Step h={h} t={t} lang={lang} />,
          }))}
        />
      </Card>
    </div>
  );
}

/** One step of the case: who did what, when, and what they wrote. */
function Step({ h, t, lang }: { h: Followup; t: TFunction; lang: Lang }) {
  const lines: [string, string][] =
    h.action === "assign"
      ? [[t("followups.note"), h.note]]
      : h.action === "answer"
        ? [
            [t("followups.explanation"), h.explanation],
            [t("followups.plan"), h.plan],
          ]
        : [[t("followups.reviewNote"), h.review]];
  return (
    <div className="followup-step" data-action={h.action}>
      <div>
        <strong>{t(`followups.action.${h.action}`, { actor: h.actor })}</strong>{" "}
        <Typography.Text type="secondary">{formatDateTime(h.at, lang)}</Typography.Text>
      </div>
      {lines
        .filter(([, text]) => text)
        .map(([label, text]) => (
          <div key={label} className="pre">
            <Typography.Text type="secondary">{label}：</Typography.Text>
            {text}
          </div>
        ))}
    </div>
  );
}

type AnswerValues = { explanation: string; plan: string };

/** The bureau's answer: why the target lags, and what it will do. */
function AnswerForm({ f }: { f: Followup }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<AnswerValues>();
  const answer = useAnswer(f.id);
  const [toast, holder] = message.useMessage();
  const shape = AnswerFollowupSchema.shape;
  const rule = (name: keyof AnswerValues) =>
    zodRule(shape[name], t("followups.required", { field: t(`followups.${name}`) }));
  return (
    <Card size="small" title={t("followups.answer")} className="answer-form">
      {holder}
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          answer.mutate(v, {
            onSuccess: () => void toast.success(t("followups.answered")),
            onError: (e) => form.setFields([{ name: "explanation", errors: [errorText(e, lang)] }]),
          })
        }
      >
        <Form.Item name="explanation" label={t("followups.explanation")} rules={[rule("explanation")]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t("followups.explanationPlaceholder")} />
        </Form.Item>
        <Form.Item name="plan" label={t("followups.plan")} rules={[rule("plan")]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t("followups.planPlaceholder")} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending} className="answer-submit">
          {t("followups.answerSubmit")}
        </Button>
      </Form>
    </Card>
  );
}

type ReviewValues = { note?: string };

/** The admin's review: accept (closes the case) or send back with a comment. */
function ReviewForm({ f }: { f: Followup }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<ReviewValues>();
  const review = useReview(f.id);
  const [toast, holder] = message.useMessage();
  const send = async (decision: "accept" | "return") => {
    const { note } = form.getFieldsValue();
    if (decision === "return" && !note?.trim()) {
      form.setFields([{ name: "note", errors: [t("followups.returnNeedsNote")] }]);
      return;
    }
    await form.validateFields();
    review.mutate(
      { decision, ...(note?.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => void toast.success(t("followups.reviewed")),
        onError: (e) => form.setFields([{ name: "note", errors: [errorText(e, lang)] }]),
      },
    );
  };
  const noteRule = zodRule(
    ReviewFollowupSchema.shape.note,
    t("followups.tooLong", { field: t("followups.reviewNote"), max: 2000 }),
  );
  return (
    <Card size="small" title={t("followups.review")} className="review-form">
      {holder}
      <Form<ReviewValues> form={form} layout="vertical">
        <Form.Item name="note" label={t("followups.reviewNote")} rules={[noteRule]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t("followups.reviewNotePlaceholder")} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" className="accept" loading={review.isPending} onClick={() => void send("accept")}>
            {t("followups.accept")}
          </Button>
          <Button danger className="return" loading={review.isPending} onClick={() => void send("return")}>
            {t("followups.return")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
